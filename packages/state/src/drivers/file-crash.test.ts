import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Code } from "@layer8/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStateStore } from "../state-store.js";
import { fileStateDriver } from "./file.js";

/**
 * These tests run the driver in a child process that can be killed like a crashing sidecar. The
 * child runs the built driver (`dist`), so a stale build would test old code: the tests refuse
 * to run against a build older than its sources. (`turbo run test` builds first.)
 */
const packageRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const built = (name: string) => join(packageRoot, "dist", `${name}.js`);
const source = (name: string) => join(packageRoot, "src", `${name}.ts`);
const runtime = [
  "drivers/file",
  "drivers/file-journal",
  "drivers/file-lock",
  "drivers/in-memory-state",
  "state-store",
];

function staleBuild(): string | undefined {
  for (const name of runtime) {
    let builtAt: number;
    try {
      builtAt = statSync(built(name)).mtimeMs;
    } catch {
      return `${built(name)} is missing`;
    }
    if (statSync(source(name)).mtimeMs > builtAt) return `${built(name)} is older than its source`;
  }
  return undefined;
}

const CHILD = `
import { createInterface } from "node:readline";
import { createStateStore } from ${JSON.stringify(pathToFileURL(built("state-store")).href)};
import { fileStateDriver } from ${JSON.stringify(pathToFileURL(built("drivers/file")).href)};

const [path, mode, prefix] = process.argv.slice(2);
const say = (message) => process.stdout.write(JSON.stringify(message) + "\\n");
const store = createStateStore({ driver: fileStateDriver, metadata: { path }, appId: "crash" });
try {
  await store.init();
} catch (error) {
  say({ refused: error.message });
  process.exit(3);
}
say({ ready: process.pid });

if (mode === "hold") {
  createInterface({ input: process.stdin }).on("line", async (line) => {
    if (line !== "close") return;
    await store.close();
    say({ closed: true });
    process.exit(0);
  });
} else {
  const encoder = new TextEncoder();
  // One writer's step n: two saves, a transaction, a delete, over and over.
  const step = (w, n) => {
    const k = (i) => prefix + "w" + w + "-k" + i;
    const value = "value " + w + "/" + n + " \\u0000\\u00ff";
    switch (n % 4) {
      case 0:
      case 1:
        return [["set", k(n), value]];
      case 2:
        return [["set", prefix + "w" + w + "-a" + n, value], ["set", prefix + "w" + w + "-b" + n, value], ["delete", k(n - 1)]];
      default:
        return [["delete", k(n - 3)]];
    }
  };
  const run = (ops) =>
    ops.length === 1 && ops[0][0] === "set"
      ? store.save({ key: ops[0][1], value: encoder.encode(ops[0][2]) })
      : ops.length === 1
        ? store.delete({ key: ops[0][1] })
        : store.transact({
            operations: ops.map(([op, key, value]) =>
              op === "set"
                ? { operation: "upsert", request: { key, value: encoder.encode(value) } }
                : { operation: "delete", request: { key } },
            ),
          });
  const writer = async (w) => {
    for (let n = 0; ; n++) {
      const ops = step(w, n);
      say({ begin: { w, n, ops } });
      await run(ops);
      say({ ack: { w, n } });
    }
  };
  await Promise.all(Array.from({ length: 8 }, (_, w) => writer(w)));
}
`;

type Operation = [op: "set" | "delete", key: string, value?: string];
type Message =
  | { ready: number }
  | { refused: string }
  | { closed: true }
  | { begin: { w: number; n: number; ops: Operation[] } }
  | { ack: { w: number; n: number } };

const root = mkdtempSync(join(tmpdir(), "layer8-file-crash-"));
const script = join(root, "child.mjs");
const decoder = new TextDecoder();
const children: ChildProcess[] = [];

beforeAll(() => {
  const stale = staleBuild();
  if (stale !== undefined) {
    throw new Error(
      `${stale}: build @layer8/state first (pnpm exec tsc -p tsconfig.build.json in packages/state)`,
    );
  }
  writeFileSync(script, CHILD);
});
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  rmSync(root, { recursive: true, force: true });
});

/** A child process running the driver, with its messages as they arrive. */
function startChild(path: string, mode: "write" | "hold", prefix = "") {
  const child = spawn(process.execPath, [script, path, mode, prefix], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  children.push(child);
  const messages: Message[] = [];
  const waiters: { test: (m: Message) => boolean; resolve: (m: Message) => void }[] = [];
  let buffered = "";
  child.stdout!.setEncoding("utf8");
  child.stdout!.on("data", (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split("\n");
    buffered = lines.pop()!;
    for (const line of lines) {
      const message = JSON.parse(line) as Message;
      messages.push(message);
      for (const waiter of waiters.splice(0)) {
        if (waiter.test(message)) waiter.resolve(message);
        else waiters.push(waiter);
      }
    }
  });
  const exited = Promise.all([
    new Promise((resolve) => child.stdout!.on("close", resolve)),
    new Promise((resolve) => child.on("exit", resolve)),
  ]);
  return {
    child,
    messages,
    exited,
    /** The first message (already seen or still to come) that passes `test`. */
    waitFor(test: (m: Message) => boolean, timeoutMs = 15_000): Promise<Message> {
      const seen = messages.find(test);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no such message from the child within ${timeoutMs} ms`)),
          timeoutMs,
        );
        waiters.push({
          test,
          resolve: (m) => {
            clearTimeout(timer);
            resolve(m);
          },
        });
      });
    },
  };
}

async function openStore(path: string) {
  const store = createStateStore({ driver: fileStateDriver, metadata: { path }, appId: "crash" });
  await store.init();
  return store;
}

/** What one writer's keys hold after applying `ops` in order. */
function model(ops: readonly Operation[][]): Map<string, string> {
  const state = new Map<string, string>();
  for (const change of ops) {
    for (const [op, key, value] of change) {
      if (op === "set") state.set(key, value!);
      else state.delete(key);
    }
  }
  return state;
}

function canonical(state: ReadonlyMap<string, string>): string {
  return JSON.stringify([...state].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

describe("file state driver: crashes", () => {
  it("keeps every acknowledged write, and no half transaction, across SIGKILLs", async () => {
    const path = join(root, "crash", "state.jsonl");
    const verified = new Map<string, string>();
    for (const [round, killAfter] of [
      [0, 50],
      [1, 250],
      [2, 600],
    ] as const) {
      const prefix = `r${round}-`;
      const run = startChild(path, "write", prefix);
      await run.waitFor((m) => "ready" in m);
      let acks = 0;
      await run.waitFor((m) => "ack" in m && ++acks >= killAfter, 30_000);
      run.child.kill("SIGKILL");
      await run.exited;

      // Per writer: the acknowledged steps, and the one it had started and not yet seen
      // acknowledged, which may or may not have reached the file.
      const begun = new Map<number, Operation[][]>();
      const acked = new Map<number, number>();
      for (const message of run.messages) {
        if ("begin" in message) {
          const steps = begun.get(message.begin.w) ?? [];
          steps[message.begin.n] = message.begin.ops;
          begun.set(message.begin.w, steps);
        }
        if ("ack" in message) acked.set(message.ack.w, message.ack.n + 1);
      }

      const store = await openStore(path);
      try {
        let checked = 0;
        for (const [w, steps] of begun) {
          const done = acked.get(w) ?? 0;
          const keys = [...new Set(steps.flat().map(([, key]) => key))];
          const items = await store.bulkGet({ keys });
          const actual = new Map(
            items
              .filter((item) => item.etag !== "")
              .map((item) => [item.key, decoder.decode(item.data)]),
          );
          const withAcked = model(steps.slice(0, done));
          const withInFlight = model(steps.slice(0, done + 1));
          // Compared as sorted entries: toContainEqual does not look inside Maps.
          expect(
            [canonical(withAcked), canonical(withInFlight)],
            `round ${round}, writer ${w}`,
          ).toContain(canonical(actual));
          checked += done;
          for (const [key, value] of actual) verified.set(key, value);
        }
        expect(checked).toBeGreaterThanOrEqual(killAfter);

        // Earlier rounds' keys are untouched, and no two keys share an etag.
        const all = await store.bulkGet({ keys: [...verified.keys()] });
        expect(new Map(all.map((item) => [item.key, decoder.decode(item.data)]))).toEqual(verified);
        const etags = all.map((item) => Number(item.etag));
        expect(new Set(etags).size).toBe(etags.length);
        await store.save({ key: `${prefix}after`, value: new Uint8Array([1]) });
        const next = Number((await store.get({ key: `${prefix}after` })).etag);
        expect(next).toBeGreaterThan(Math.max(...etags));
        await store.delete({ key: `${prefix}after` });
      } finally {
        await store.close();
      }
    }
  }, 60_000);
});

describe("file state driver: one store per file, across processes", () => {
  it("refuses a second process while the first holds the file, and opens after it closes", async () => {
    const path = join(root, "shared", "state.jsonl");
    const holder = startChild(path, "hold");
    await holder.waitFor((m) => "ready" in m);
    const second = createStateStore({ driver: fileStateDriver, metadata: { path } });
    await expect(second.init()).rejects.toMatchObject({
      code: Code.FailedPrecondition,
      message: expect.stringContaining(
        `state file '${path}' is in use: process ${holder.child.pid}`,
      ),
    });
    holder.child.stdin!.write("close\n");
    await holder.waitFor((m) => "closed" in m);
    await holder.exited;
    await second.init();
    await second.close();
  });

  it("takes over the lock of a process that was killed", async () => {
    const path = join(root, "killed", "state.jsonl");
    const holder = startChild(path, "hold");
    await holder.waitFor((m) => "ready" in m);
    holder.child.kill("SIGKILL");
    await holder.exited;
    expect(statSync(`${path}.lock`).isFile()).toBe(true);
    const store = await openStore(path);
    await store.close();
  });

  it("is refused in another process while this one holds the file", async () => {
    const path = join(root, "held-here", "state.jsonl");
    const store = await openStore(path);
    try {
      const other = startChild(path, "write");
      const refused = await other.waitFor((m) => "refused" in m);
      expect(refused).toEqual({
        refused: expect.stringContaining(`is in use: process ${process.pid}`),
      });
      await other.exited;
      expect(other.child.exitCode).toBe(3);
    } finally {
      await store.close();
    }
  });
});
