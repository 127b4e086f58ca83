import { Code, type Health } from "@layer8/core";
import { afterEach, describe, expect, it } from "vitest";
import { WorkerLease, type WorkerLeaseBackend } from "./worker-lease.js";

/** Leases in a Map, expiring by the wall clock, with a switch that makes every call fail. */
class FakeBackend implements WorkerLeaseBackend {
  readonly description = "fake backend";
  readonly holders = new Map<number, { token: string; expiresAt: number }>();
  readonly floors = new Map<number, number>();
  failing = false;

  async connect() {}
  async disconnect() {}
  async health(): Promise<Health> {
    return { status: this.failing ? "DOWN" : "UP" };
  }
  async claim(workerId: number, token: string, ttlMs: number, coverUntilMs: number) {
    this.#fail();
    const holder = this.holders.get(workerId);
    if (holder && holder.expiresAt > Date.now()) return undefined;
    this.holders.set(workerId, { token, expiresAt: Date.now() + ttlMs });
    const floor = this.floors.get(workerId) ?? 0;
    this.floors.set(workerId, Math.max(floor, coverUntilMs));
    return floor;
  }
  async renew(workerId: number, token: string, ttlMs: number, coverUntilMs: number) {
    this.#fail();
    const holder = this.holders.get(workerId);
    if (!holder || holder.token !== token || holder.expiresAt <= Date.now()) return false;
    holder.expiresAt = Date.now() + ttlMs;
    this.floors.set(workerId, Math.max(this.floors.get(workerId) ?? 0, coverUntilMs));
    return true;
  }
  async release(workerId: number, token: string, lastMs: number) {
    this.#fail();
    if (this.holders.get(workerId)?.token !== token) return;
    this.floors.set(workerId, lastMs);
    this.holders.delete(workerId);
  }
  #fail() {
    if (this.failing) throw new Error("backend unreachable");
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const leases: WorkerLease[] = [];
function lease(
  backend: FakeBackend,
  options: Partial<ConstructorParameters<typeof WorkerLease>[1]> = {},
) {
  const created = new WorkerLease(backend, { ttlMs: 300, ...options });
  leases.push(created);
  return created;
}

afterEach(async () => {
  for (const created of leases.splice(0)) await created.release(0).catch(() => undefined);
});

describe("worker id leases", () => {
  it("give every live holder its own worker id, and refuse the 1025th", async () => {
    const backend = new FakeBackend();
    const ids = new Set<number>();
    for (let i = 0; i < 1024; i++)
      ids.add((await lease(backend, { ttlMs: 60_000 }).acquire()).workerId);
    expect(ids.size).toBe(1024);
    await expect(lease(backend, { ttlMs: 60_000 }).acquire()).rejects.toMatchObject({
      code: Code.ResourceExhausted,
      message: expect.stringContaining("all 1024 snowflake worker ids on fake backend"),
    });
  });

  it("allow ids while renewed, refuse them once renewal fails past the lease, allow again after", async () => {
    const backend = new FakeBackend();
    const held = lease(backend);
    await held.acquire();
    await sleep(400);
    expect(() => held.check(Date.now())).not.toThrow();
    backend.failing = true;
    await sleep(400);
    expect(() => held.check(Date.now())).toThrowError(
      expect.objectContaining({
        code: Code.Unavailable,
        message: expect.stringMatching(
          /lease of snowflake worker id \d+ on fake backend could not be renewed \(backend unreachable\)/,
        ),
      }),
    );
    expect((await held.health()).status).toBe("DOWN");
    backend.failing = false;
    await sleep(200);
    expect(() => held.check(Date.now())).not.toThrow();
  });

  it("never cover a timestamp beyond the floor recorded on the backend", async () => {
    const held = lease(new FakeBackend());
    await held.acquire();
    expect(() => held.check(Date.now() + 60_000)).toThrowError(
      expect.objectContaining({ code: Code.Unavailable }),
    );
  });

  it("take another worker id, above its floor, when the lease was lost to another holder", async () => {
    const backend = new FakeBackend();
    const changes: [number, number][] = [];
    const held = lease(backend, {
      onChange: (workerId, floorMs) => changes.push([workerId, floorMs]),
    });
    const { workerId } = await held.acquire();
    backend.holders.set(workerId, { token: "someone else", expiresAt: Date.now() + 60_000 });
    await sleep(250);
    expect(changes).toHaveLength(1);
    expect(changes[0]![0]).not.toBe(workerId);
    expect(held.workerId).toBe(changes[0]![0]);
    expect(() => held.check(Date.now())).not.toThrow();
  });

  it("record the last timestamp used as the floor on release, and free the worker id", async () => {
    const backend = new FakeBackend();
    const first = lease(backend, { ttlMs: 60_000 });
    const { workerId } = await first.acquire();
    await first.release(1_234_567);
    expect(backend.floors.get(workerId)).toBe(1_234_567);
    expect(backend.holders.has(workerId)).toBe(false);
  });
});
