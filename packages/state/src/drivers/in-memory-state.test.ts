import { Code } from "@layer8/core";
import { describe, expect, it } from "vitest";
import type { DriverSet } from "../driver.js";
import { InMemoryState, type StateChange } from "./in-memory-state.js";

const text = (value: string) => new TextEncoder().encode(value);
const set = (key: string, value: string, extra: Partial<DriverSet> = {}): DriverSet => ({
  key,
  value: text(value),
  etag: undefined,
  firstWrite: false,
  ttl: undefined,
  ...extra,
});

describe("in-memory state engine: the persist hook", () => {
  it("is told each save, delete and transaction as one resolved change", async () => {
    const changes: StateChange[] = [];
    const state = new InMemoryState({ persist: async (change) => void changes.push(change) });
    const before = Date.now();
    await state.set(set("a", "1", { ttl: 60 }));
    await state.delete({ key: "missing", etag: undefined });
    await state.transact([
      { operation: "upsert", ...set("b", "2") },
      { operation: "delete", key: "a", etag: undefined },
      { operation: "delete", key: "never", etag: undefined },
    ]);
    await state.delete({ key: "b", etag: undefined });
    expect(changes).toEqual([
      {
        operations: [
          { op: "set", key: "a", value: text("1"), version: 1, expiresAt: expect.any(Number) },
        ],
      },
      {
        operations: [
          { op: "set", key: "b", value: text("2"), version: 2, expiresAt: undefined },
          { op: "delete", key: "a" },
        ],
      },
      { operations: [{ op: "delete", key: "b" }] },
    ]);
    const expiresAt = (changes[0]!.operations[0] as { expiresAt: number }).expiresAt;
    expect(expiresAt).toBeGreaterThanOrEqual(before + 60_000);
  });

  it("applies nothing when persisting fails, and never reuses the version it gave", async () => {
    let fail = true;
    const state = new InMemoryState({
      persist: async () => {
        if (fail) throw new Error("disk full");
      },
    });
    fail = false;
    await state.set(set("k", "v1"));
    fail = true;
    await expect(state.set(set("k", "v2"))).rejects.toThrow("disk full");
    expect(state.get("k")).toMatchObject({ value: text("v1"), etag: "1" });
    fail = false;
    await state.set(set("k", "v3"));
    expect(state.get("k")).toMatchObject({ value: text("v3"), etag: "3" });
  });

  it("does not show a write to reads until it is persisted", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const state = new InMemoryState({ persist: () => gate });
    const writing = state.set(set("k", "v"));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(state.get("k")).toBeUndefined();
    release();
    await writing;
    expect(state.get("k")?.etag).toBe("1");
  });

  it("checks each queued write against the state the earlier ones left", async () => {
    const state = new InMemoryState({
      persist: () => new Promise((resolve) => setTimeout(resolve, 2)),
    });
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) => state.set(set("k", `v${i}`, { firstWrite: true }))),
    );
    expect(results.map((r) => r.status)).toEqual([
      "fulfilled",
      "rejected",
      "rejected",
      "rejected",
      "rejected",
    ]);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: Code.Aborted });
    expect(state.get("k")?.value).toEqual(text("v0"));
  });

  it("restores changes read back, raising the version counter past them", () => {
    const state = new InMemoryState();
    state.reserveVersions(10);
    state.restore({
      operations: [{ op: "set", key: "a", value: text("x"), version: 7, expiresAt: undefined }],
    });
    expect(state.get("a")?.etag).toBe("7");
    expect(state.lastVersion).toBe(10);
  });
});
