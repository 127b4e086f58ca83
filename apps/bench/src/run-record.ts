import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, release, totalmem } from "node:os";
import { markdownTable, type Row } from "./report.js";
import type { Settings } from "./settings.js";
import type { StartupFigures } from "./startup.js";
import { type TargetCheck, targetsTable } from "./targets.js";

/** The 1-minute load average seen during the run, sampled every few seconds. */
export interface LoadSummary {
  min: number;
  mean: number;
  max: number;
}

/** Samples the 1-minute load average until stopped; the timer never keeps the process alive. */
export function sampleLoad(intervalMs = 5000): { stop(): LoadSummary } {
  const samples = [loadavg()[0]!];
  const timer = setInterval(() => samples.push(loadavg()[0]!), intervalMs);
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
      samples.push(loadavg()[0]!);
      return {
        min: Math.min(...samples),
        mean: samples.reduce((a, b) => a + b, 0) / samples.length,
        max: Math.max(...samples),
      };
    },
  };
}

/** The commit the run measured, marked when the working tree had changes. */
export function commitOf(root: string): string {
  try {
    const git = (...args: string[]) =>
      execFileSync("git", ["-C", root, ...args], { encoding: "utf8" }).trim();
    const dirty = git("status", "--porcelain", "--untracked-files=no") !== "";
    return `${git("rev-parse", "--short", "HEAD")}${dirty ? " with uncommitted changes" : ""}`;
  } catch {
    return "unknown (not a git checkout)";
  }
}

export interface RunRecord {
  startedAt: Date;
  durationMs: number;
  commit: string;
  settings: Settings;
  load: LoadSummary;
  startup: StartupFigures | undefined;
  checks: TargetCheck[];
  sections: { title: string; rows: Row[] }[];
}

const minutes = (ms: number) =>
  `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;

/** The run as Markdown: when, where, how, the targets, then one table per section. */
export function resultsMarkdown(record: RunRecord): string {
  const { settings, load, startup } = record;
  const cores = cpus();
  const lines = [
    `Run of ${record.startedAt.toISOString().slice(0, 16).replace("T", " ")} UTC on commit ${record.commit}, ${minutes(record.durationMs)} in all.`,
    `Machine: ${cores.length} × ${cores[0]?.model.trim() ?? "unknown CPU"}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Linux ${release()}, Node ${process.version}.`,
    `Per row and concurrency level: ${settings.warmupMs} ms warm-up per path, then ${settings.rounds} round(s) of ${settings.durationMs} ms per path, the paths taking turns.`,
    `1-minute load average during the run: ${load.min.toFixed(1)} to ${load.max.toFixed(1)} (mean ${load.mean.toFixed(1)}).`,
    "",
    "### Targets",
    "",
    targetsTable(record.checks),
  ];
  if (startup) {
    lines.push(
      "",
      `Start-up to ready, each run: ${startup.startupSamplesMs.map((ms) => Math.round(ms)).join(", ")} ms; RSS 1 s after ready: ${startup.justStartedRssSamplesMb.map((mb) => mb.toFixed(1)).join(", ")} MiB; 10 s after: ${startup.idleRssSamplesMb.map((mb) => mb.toFixed(1)).join(", ")} MiB.`,
    );
  }
  for (const section of record.sections) {
    if (section.rows.length === 0) continue;
    lines.push("", `### ${section.title}`, "", markdownTable(section.rows));
  }
  return lines.join("\n");
}

export const DOCS_BEGIN = "<!-- bench-results:begin (written by `pnpm bench -- --write-docs`) -->";
export const DOCS_END = "<!-- bench-results:end -->";

/** Replaces what lies between the two markers of `text` with `section`. */
export function replaceResults(text: string, section: string): string {
  const begin = text.indexOf(DOCS_BEGIN);
  const end = text.indexOf(DOCS_END);
  if (begin === -1 || end < begin) {
    throw new Error(`the results markers are missing: put ${DOCS_BEGIN} and ${DOCS_END} back`);
  }
  return `${text.slice(0, begin + DOCS_BEGIN.length)}\n\n${section}\n\n${text.slice(end)}`;
}

/**
 * Writes the section into `file`, then lets the repository's formatter (biome, which aligns
 * Markdown tables) format the file, so that `pnpm lint` stays clean; says so if it cannot.
 */
export function writeDocsResults(root: string, file: string, section: string): void {
  writeFileSync(file, replaceResults(readFileSync(file, "utf8"), section));
  try {
    execFileSync("pnpm", ["exec", "biome", "format", "--write", file], {
      cwd: root,
      stdio: "ignore",
    });
  } catch {
    console.log(`could not format ${file}: run pnpm format before committing it`);
  }
}
