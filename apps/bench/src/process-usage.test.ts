import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it, onTestFinished } from "vitest";
import { cpuTicks, descendants, processTreeUsage, residentKb } from "./process-usage.js";

const hasProc = existsSync("/proc/self/stat");

describe("reading /proc", () => {
  it("takes utime + stime after the command name, even one with spaces and parentheses", () => {
    // Fields: pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime ...
    const stat = "4242 (node (worker) 1) S 1 4242 4242 0 -1 4194560 900 0 0 0 250 37 0 0 20 0";
    expect(cpuTicks(stat)).toBe(287);
  });

  it("takes VmRSS in kB, and 0 when there is none (a zombie)", () => {
    expect(residentKb("Name:\tnode\nVmHWM:\t  90000 kB\nVmRSS:\t   51234 kB\n")).toBe(51234);
    expect(residentKb("Name:\tnode\nState:\tZ (zombie)\n")).toBe(0);
  });

  it("finds a process and everything below it, and nothing for a process not running", () => {
    const parentOf = new Map([
      [10, 1],
      [11, 10],
      [12, 11],
      [13, 1],
      [14, 10],
    ]);
    expect(descendants(10, parentOf).sort()).toEqual([10, 11, 12, 14]);
    expect(descendants(99, parentOf)).toEqual([]);
  });
});

describe.skipIf(!hasProc)("processTreeUsage (skipped where there is no /proc)", () => {
  it("counts a process's children: a child's CPU time shows in the root's usage", async () => {
    // A parent that starts a child which burns 300 ms of its own CPU time, says so, then idles.
    const child = [
      "while (process.cpuUsage().user < 300_000) {}",
      "console.log('spun');",
      "setInterval(() => {}, 1000);",
    ].join(" ");
    const parentScript = `
      require("node:child_process").spawn(process.execPath, ["-e", ${JSON.stringify(child)}], { stdio: "inherit" });
      setInterval(() => {}, 1000);
    `;
    const parent = spawn(process.execPath, ["-e", parentScript], {
      stdio: ["ignore", "pipe", "ignore"],
      detached: true,
    });
    // The whole process group (the parent and the child it started), even if the test times out.
    onTestFinished(() => {
      process.kill(-parent.pid!, "SIGKILL");
    });
    await once(parent.stdout!, "data"); // "spun"
    const tree = processTreeUsage(parent.pid!)();
    const parentAlone = (cpuTicks(readFileSync(`/proc/${parent.pid}/stat`, "utf8")) / 100) * 1000;
    // USER_HZ is 100 here; ticks are 10 ms, so allow one tick of rounding.
    expect(tree.cpuMs - parentAlone).toBeGreaterThanOrEqual(290);
    // Two Node processes: tens of MiB resident.
    expect(tree.rssBytes).toBeGreaterThan(20 * 1024 * 1024);
  }, 30_000); // 300 ms of CPU can take seconds of wall time on a loaded machine

  it("reads NaN for a process that has exited", async () => {
    const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
    await once(child, "exit");
    const usage = processTreeUsage(child.pid!)();
    expect(usage.cpuMs).toBeNaN();
    expect(usage.rssBytes).toBeNaN();
  });
});
