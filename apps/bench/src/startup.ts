import { mkdtempSync, rmSync } from "node:fs";
import { get } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { startSidecar } from "@layer8/sidecar/testing";
import { median } from "./measure.js";
import { processTreeUsage } from "./process-usage.js";

/** Start-up to ready and idle memory of `layer8 run` on embedded defaults. */
export interface StartupFigures {
  /** The median over the runs: from spawning the process to readiness answering 200. */
  startupMs: number;
  /** The median over the runs of the resident set 1 s after readiness, in MiB. */
  justStartedRssMb: number;
  /** The median over the runs of the resident set once settled, idle, in MiB. */
  idleRssMb: number;
  startupSamplesMs: number[];
  justStartedRssSamplesMb: number[];
  idleRssSamplesMb: number[];
}

export const STARTUP_RUNS = 5;
/** When the resident set is read first, after readiness, with no calls. */
export const JUST_STARTED_MS = 1000;
/**
 * When it is read again: V8 gives back the memory start-up used (its young generation grown by
 * module loading, garbage) only after some seconds without allocation, so an idle sidecar's
 * footprint is this second reading. Both are reported.
 */
export const IDLE_SETTLED_MS = 10_000;
const READY_TIMEOUT_MS = 15_000;

/**
 * Starts `layer8 run` with no config (embedded defaults: memory stores, local files under its
 * working directory, an empty temporary one here) `runs` times, one after another. Each start is
 * timed from just before the spawn until `GET /actuator/health/readiness` answers 200, polled
 * every 5 ms; then, with no calls, its resident set is read at `JUST_STARTED_MS` and at
 * `IDLE_SETTLED_MS` after readiness. The embedded
 * defaults listen on fixed ports (34904, 34999): another sidecar on them makes this fail.
 */
export async function measureStartup(runs = STARTUP_RUNS): Promise<StartupFigures> {
  const startupSamplesMs: number[] = [];
  const justStartedRssSamplesMb: number[] = [];
  const idleRssSamplesMb: number[] = [];
  const rssMb = (pid: number) => processTreeUsage(pid)().rssBytes / (1024 * 1024);
  for (let run = 0; run < runs; run++) {
    const cwd = mkdtempSync(join(tmpdir(), "layer8-bench-startup-"));
    try {
      const spawned = performance.now();
      const sidecar = await startSidecar({ args: ["run"], cwd, timeoutMs: READY_TIMEOUT_MS });
      try {
        await ready(`${sidecar.actuatorUrl}/actuator/health/readiness`, spawned);
        startupSamplesMs.push(performance.now() - spawned);
        await sleep(JUST_STARTED_MS);
        justStartedRssSamplesMb.push(rssMb(sidecar.pid));
        await sleep(IDLE_SETTLED_MS - JUST_STARTED_MS);
        idleRssSamplesMb.push(rssMb(sidecar.pid));
      } finally {
        await sidecar.stop();
      }
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  }
  return {
    startupMs: median(startupSamplesMs),
    justStartedRssMb: median(justStartedRssSamplesMb),
    idleRssMb: median(idleRssSamplesMb),
    startupSamplesMs,
    justStartedRssSamplesMb,
    idleRssSamplesMb,
  };
}

async function ready(url: string, since: number): Promise<void> {
  for (;;) {
    if ((await statusOf(url)) === 200) return;
    if (performance.now() - since > READY_TIMEOUT_MS) {
      throw new Error(`${url} did not answer 200 within ${READY_TIMEOUT_MS} ms`);
    }
    await sleep(5);
  }
}

/** The status of a GET, or undefined when nothing answers (node:http: fetch loads lazily, slowly). */
function statusOf(url: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const request = get(url, (response) => {
      response.resume();
      response.once("end", () => resolve(response.statusCode));
    });
    request.once("error", () => resolve(undefined));
  });
}
