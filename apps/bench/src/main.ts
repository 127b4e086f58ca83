import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { lazyBackends } from "./backends.js";
import { type Ceiling, startCeiling } from "./ceiling.js";
import { configRows } from "./config-scenarios.js";
import { FILE_MIB, fileRows } from "./file-scenarios.js";
import { lockRows } from "./lock-scenarios.js";
import { pubsubRows } from "./pubsub-scenarios.js";
import { markdownTable, type Row, resultRow } from "./report.js";
import {
  commitOf,
  type RunRecord,
  resultsMarkdown,
  sampleLoad,
  writeDocsResults,
} from "./run-record.js";
import type { Bench } from "./scenario.js";
import { sequencerRows } from "./sequencer-scenarios.js";
import { parseSettings, selected } from "./settings.js";
import { measureStartup, type StartupFigures } from "./startup.js";
import { stateRows } from "./state-scenarios.js";
import { checkTargets, targetsTable } from "./targets.js";

// Every scenario runs directly on the driver in-process and through the sidecar over gRPC, in
// turns within the same run, so the ratio is the sidecar's cost; GetState on memory also runs
// beside a bare HTTP/2 echo (the transport ceiling). The load generator, the servers and the
// backends share this machine's cores: compare ratios, not figures across machines.

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const RESULTS_FILE = `${ROOT}bench-results.json`;
const RESULTS_MARKDOWN = `${ROOT}bench-results.md`;
const DOCS_FILE = `${ROOT}docs/benchmarks.md`;

let settings: ReturnType<typeof parseSettings>;
try {
  settings = parseSettings(process.env, process.argv.slice(2));
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}

const startedAt = new Date();
const started = performance.now();
const load = sampleLoad();
const backends = lazyBackends();
let ceiling: Promise<Ceiling> | undefined;
const bench: Bench = {
  settings,
  backends,
  ceiling: () => {
    ceiling ??= startCeiling();
    return ceiling;
  },
};

const SECTIONS: { title: string; run: (bench: Bench) => Promise<Row[]> }[] = [
  {
    title: "State: GetState and SaveState of one key, beside the transport ceiling",
    run: stateRows,
  },
  { title: "Lock: uncontended TryLock+Unlock pairs", run: lockRows },
  { title: "Sequencer: GetNextId of one key", run: sequencerRows },
  { title: "Pub/Sub: 100 B events", run: pubsubRows },
  { title: "Configuration: one 100 B item", run: configRows },
  { title: `File: whole ${FILE_MIB} MiB files in 1 MiB chunks`, run: fileRows },
];

const failures: string[] = [];
let startup: StartupFigures | undefined;
const sections: RunRecord["sections"] = [];
console.log(
  `pnpm bench: ${settings.warmupMs} ms warm-up, ${settings.rounds} round(s) of ${settings.durationMs} ms per path and concurrency level${settings.filter.length > 0 ? `; filter: ${settings.filter.join(", ")}` : ""}`,
);
try {
  if (selected(settings, "Start-up", "idle RSS")) {
    console.log("\nStart-up to ready and idle RSS, embedded defaults");
    try {
      startup = await measureStartup();
      console.log(
        `  start-up ${Math.round(startup.startupMs)} ms, RSS ${startup.justStartedRssMb.toFixed(1)} MiB 1 s after ready, ${startup.idleRssMb.toFixed(1)} MiB settled (medians)`,
      );
    } catch (error) {
      failures.push(`start-up: ${(error as Error).message}`);
      console.error(`  failed: ${(error as Error).message}`);
    }
  }
  for (const section of SECTIONS) {
    console.log(`\n${section.title}`);
    try {
      sections.push({ title: section.title, rows: await section.run(bench) });
    } catch (error) {
      failures.push(`${section.title}: ${(error as Error).stack ?? error}`);
      console.error(`  failed: ${(error as Error).stack ?? error}`);
    }
  }
} finally {
  await (await ceiling?.catch(() => undefined))?.close();
  await backends.dispose();
}

const rows = sections.flatMap((section) => section.rows);
writeFileSync(RESULTS_FILE, `${JSON.stringify(rows.map(resultRow), null, 2)}\n`);
const record: RunRecord = {
  startedAt,
  durationMs: performance.now() - started,
  commit: commitOf(ROOT),
  settings,
  load: load.stop(),
  startup,
  checks: checkTargets(rows, startup),
  sections,
};
const markdown = resultsMarkdown(record);
writeFileSync(RESULTS_MARKDOWN, `${markdown}\n`);

for (const section of sections) {
  if (section.rows.length > 0) console.log(`\n${section.title}\n\n${markdownTable(section.rows)}`);
}
console.log(`\nTargets (a report, not a test)\n\n${targetsTable(record.checks)}`);
console.log(
  `\n${rows.length} rows in ${RESULTS_FILE}; the Markdown of this run in ${RESULTS_MARKDOWN}`,
);
if (settings.writeDocs && failures.length === 0) {
  writeDocsResults(ROOT, DOCS_FILE, markdown);
  console.log(`results written into ${DOCS_FILE}`);
}
if (failures.length > 0) {
  console.error(`\n${failures.length} part(s) failed:\n${failures.join("\n")}`);
  process.exitCode = 1;
}
