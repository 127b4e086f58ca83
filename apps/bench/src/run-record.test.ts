import { describe, expect, it } from "vitest";
import { DOCS_BEGIN, DOCS_END, replaceResults } from "./run-record.js";

describe("replaceResults", () => {
  it("replaces only what lies between the markers", () => {
    const doc = `# Benchmarks\n\nmethod\n\n${DOCS_BEGIN}\n\nold table\n\n${DOCS_END}\n\nafter\n`;
    const updated = replaceResults(doc, "new table");
    expect(updated).toBe(
      `# Benchmarks\n\nmethod\n\n${DOCS_BEGIN}\n\nnew table\n\n${DOCS_END}\n\nafter\n`,
    );
    // Again: the same result, nothing accumulates.
    expect(replaceResults(updated, "new table")).toBe(updated);
  });

  it("refuses a document without both markers", () => {
    expect(() => replaceResults("# Benchmarks\n", "table")).toThrow(/markers are missing/);
    expect(() => replaceResults(`${DOCS_END}\n${DOCS_BEGIN}`, "table")).toThrow(/markers/);
  });
});
