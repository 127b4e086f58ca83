import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

/** CPU time used so far and memory resident now, of the process(es) that serve a path. */
export interface Usage {
  cpuMs: number;
  rssBytes: number;
}

/** Reads the usage of whatever serves one path; NaN figures where the platform has no /proc. */
export type UsageProbe = () => Usage;

/** The bench process itself: what serves the direct rows (the driver runs in-process). */
export const selfUsage: UsageProbe = () => {
  const { user, system } = process.cpuUsage();
  return { cpuMs: (user + system) / 1000, rssBytes: process.memoryUsage.rss() };
};

/**
 * A process and every process below it, from /proc: a server that forks workers is counted
 * whole. CPU is utime + stime of each (children that already exited and were reaped are not).
 */
export function processTreeUsage(rootPid: number): UsageProbe {
  return () => {
    const pids = descendants(rootPid, parents());
    if (pids.length === 0) return { cpuMs: Number.NaN, rssBytes: Number.NaN }; // not running
    let ticks = 0;
    let rssKb = 0;
    for (const pid of pids) {
      const stat = readProc(pid, "stat");
      const status = readProc(pid, "status");
      if (stat === undefined || status === undefined) continue; // exited meanwhile
      ticks += cpuTicks(stat);
      rssKb += residentKb(status);
    }
    return { cpuMs: (ticks / clockTicksPerSecond()) * 1000, rssBytes: rssKb * 1024 };
  };
}

/** utime + stime, in clock ticks, from the text of /proc/<pid>/stat. */
export function cpuTicks(stat: string): number {
  // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
  const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // rest[0] is field 3 (state): utime is field 14, stime field 15.
  return Number(rest[11]) + Number(rest[12]);
}

/** VmRSS in kB, from the text of /proc/<pid>/status (0 for a zombie, which has none). */
export function residentKb(status: string): number {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(status);
  return match ? Number(match[1]) : 0;
}

/** The parent of every process now running, by pid. */
function parents(): Map<number, number> {
  const parentOf = new Map<number, number>();
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return parentOf;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readProc(Number(entry), "stat");
    if (stat === undefined) continue;
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    parentOf.set(Number(entry), ppid);
  }
  return parentOf;
}

/** `root` (if running) and every process whose chain of parents reaches it. */
export function descendants(root: number, parentOf: ReadonlyMap<number, number>): number[] {
  const found = parentOf.has(root) ? [root] : [];
  for (let i = 0; i < found.length; i++) {
    for (const [pid, ppid] of parentOf) if (ppid === found[i]) found.push(pid);
  }
  return found;
}

function readProc(pid: number, file: string): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/${file}`, "utf8");
  } catch {
    return undefined;
  }
}

let ticksPerSecond: number | undefined;

/** USER_HZ, the unit of /proc's CPU times: 100 on Linux unless `getconf` says otherwise. */
function clockTicksPerSecond(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());
    } catch {
      ticksPerSecond = 100;
    }
    if (!Number.isFinite(ticksPerSecond) || ticksPerSecond <= 0) ticksPerSecond = 100;
  }
  return ticksPerSecond;
}
