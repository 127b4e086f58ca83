#!/usr/bin/env node
// Sums the reports every test suite leaves in <package>/.test-results/ (vitest's JSON report, or
// JUnit XML from the Go, Java and Python suites) and prints the totals of the whole run as one line: `N passed, M failed` (then `, K skipped` when any were skipped).
// Exits 1 if any test failed, if a suite broke before running, or if no test ran at all.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const groups = ["proto", "packages", "apps", "sdks", "examples"];
let passed = 0;
let failed = 0;
let skipped = 0;
let brokenSuites = 0;

for (const group of groups) {
  const dir = join(root, group);
  if (!existsSync(dir)) continue;
  const packages = group === "proto" ? [dir] : readdirSync(dir).map((name) => join(dir, name));
  for (const pkg of packages) {
    const results = join(pkg, ".test-results");
    if (!existsSync(results)) continue;
    for (const name of readdirSync(results).filter((file) => file.endsWith(".xml"))) {
      const junit = countJUnit(readFileSync(join(results, name), "utf8"));
      passed += junit.passed;
      failed += junit.failed;
      skipped += junit.skipped.length;
      for (const test of junit.skipped) console.log(`skipped: ${relative(root, pkg)} > ${test}`);
      for (const test of junit.failures) console.log(`failed: ${relative(root, pkg)} > ${test}`);
    }
    const report = join(results, "vitest.json");
    if (!existsSync(report)) continue;
    const result = JSON.parse(readFileSync(report, "utf8"));
    passed += result.numPassedTests;
    failed += result.numFailedTests;
    skipped += result.numPendingTests + result.numTodoTests;
    const broken = result.testResults.filter(
      (file) => file.status === "failed" && file.assertionResults.length === 0,
    );
    for (const file of broken)
      console.log(`suite failed to run: ${relative(root, file.name)}: ${file.message}`);
    brokenSuites += broken.length;
    if (skipped > 0) {
      for (const file of result.testResults) {
        for (const test of file.assertionResults) {
          if (test.status === "pending" || test.status === "skipped") {
            // A test skipped at run time carries its reason in meta (see the AppCallback suite).
            const reason = test.meta?.skipReason ? ` (skipped: ${test.meta.skipReason})` : "";
            console.log(`skipped: ${relative(root, file.name)} > ${test.fullName}${reason}`);
          }
        }
      }
    }
  }
}

failed += brokenSuites;

/**
 * Test cases of a JUnit XML report (surefire, pytest, go-junit-report all write this shape): a
 * case with <failure> or <error> failed, one with <skipped> was skipped (its message is the reason).
 */
function countJUnit(xml) {
  const counts = { passed: 0, failed: 0, skipped: [], failures: [] };
  const cases = xml.matchAll(/<testcase\b([^>]*?)(?:\/>|>([\s\S]*?)<\/testcase>)/g);
  for (const [, attributes, body = ""] of cases) {
    const attribute = (name) => attributes.match(new RegExp(`\\b${name}="([^"]*)"`))?.[1] ?? "";
    const title = [attribute("classname"), attribute("name")].filter(Boolean).join(" > ");
    if (/<(failure|error)\b/.test(body)) {
      counts.failed++;
      counts.failures.push(title);
    } else if (/<skipped\b/.test(body)) {
      const reason = body.match(/<skipped\b[^>]*\bmessage="([^"]*)"/)?.[1];
      counts.skipped.push(reason ? `${title} (skipped: ${reason})` : title);
    } else counts.passed++;
  }
  return counts;
}
console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
