import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { Runtime, SequencerOptions_AutoIncrement } from "@layer8/proto";
import { describe, expect, it } from "vitest";
import { type StartedSidecar, startSidecar } from "../src/testing/index.js";

// SEMANTICS (Sequencer): ids of one key are unique across restarts and across all sidecars on
// the backend; STRONG ids are greater than every id handed out before them, globally; WEAK ids
// of each sidecar increase.

type RuntimeClient = ReturnType<typeof createClient<typeof Runtime>>;

const SIDECARS = 3;
const CLIENTS_PER_SIDECAR = 8;
/**
 * Ids each client takes per increment and per phase (before and after the restart): the issue's
 * 3 sidecars x 8 clients x 1,000 ids, 24,000 ids per increment and phase. About a minute per
 * backend on 2 cores, where a gRPC call costs about 1.5 ms of CPU; LAYER8_SEQUENCER_CONTENTION_IDS
 * lowers it for quick local runs.
 */
const IDS_PER_CLIENT = Number(process.env.LAYER8_SEQUENCER_CONTENTION_IDS ?? 1000);
const STORE = "ids";
/** The test process's clock: every call is timed on it. */
const now = () => performance.now();
const run = `${process.pid}-${Date.now().toString(36)}`;

/** One GetNextId as a client saw it. */
interface Call {
  client: string;
  id: bigint;
  /** Before the request was sent. */
  sent: number;
  /** After the answer arrived. */
  answered: number;
}

const backends = [
  {
    type: "redis",
    metadata: { url: process.env.REDIS_URL },
    skipReason: process.env.REDIS_URL ? undefined : "REDIS_URL is not set",
  },
  {
    type: "etcd",
    metadata: { endpoints: process.env.ETCD_ENDPOINTS },
    skipReason: process.env.ETCD_ENDPOINTS ? undefined : "ETCD_ENDPOINTS is not set",
  },
];

function startSidecars(type: string, metadata: Record<string, unknown>): Promise<StartedSidecar[]> {
  return Promise.all(
    Array.from({ length: SIDECARS }, () =>
      startSidecar({
        config: {
          appId: "contention",
          components: { sequencer: { [STORE]: { type, metadata } } },
        },
      }),
    ),
  );
}

/** Every client takes its ids one after another; all clients of all sidecars at once. */
async function race(
  sidecars: readonly StartedSidecar[],
  key: string,
  increment: SequencerOptions_AutoIncrement,
  phase: string,
): Promise<Call[][]> {
  const clients: { name: string; client: RuntimeClient }[] = sidecars.flatMap((sidecar, s) =>
    Array.from({ length: CLIENTS_PER_SIDECAR }, (_, c) => ({
      name: `${phase}/sidecar ${s}/client ${c}`,
      // A transport each: its own HTTP/2 connection, as separate app instances have.
      client: createClient(Runtime, createGrpcTransport({ baseUrl: `http://${sidecar.address}` })),
    })),
  );
  return Promise.all(
    clients.map(async ({ name, client }) => {
      const calls: Call[] = [];
      for (let i = 0; i < IDS_PER_CLIENT; i++) {
        const sent = now();
        const { nextId } = await client.getNextId({
          storeName: STORE,
          key,
          ...(increment === SequencerOptions_AutoIncrement.WEAK ? {} : { options: { increment } }),
        });
        calls.push({ client: name, id: nextId, sent, answered: now() });
      }
      return calls;
    }),
  );
}

/** Each client's ids strictly increase, in the order it received them. */
function expectIncreasingPerClient(perClient: readonly Call[][]): void {
  for (const calls of perClient) {
    for (let i = 1; i < calls.length; i++) {
      if (calls[i]!.id <= calls[i - 1]!.id) {
        expect.fail(
          `${calls[i]!.client}: id ${calls[i]!.id} came after ${calls[i - 1]!.id}, not above it`,
        );
      }
    }
  }
}

/** No id is handed out twice, here or in `earlier`. */
function expectUnique(
  calls: readonly Call[],
  earlier: ReadonlyMap<bigint, Call>,
): Map<bigint, Call> {
  const seen = new Map(earlier);
  for (const call of calls) {
    const before = seen.get(call.id);
    if (before)
      expect.fail(`id ${call.id} was handed out twice: to ${before.client} and ${call.client}`);
    seen.set(call.id, call);
  }
  return seen;
}

/**
 * Each STRONG call's id is greater than the id of every call (WEAK or STRONG, any client, any
 * sidecar) answered before it was sent: "greater than every id handed out before it", as clients
 * can observe it. Calls sorted by answer time with a running maximum make each check a search.
 */
function expectGloballyOrdered(strong: readonly Call[], all: readonly Call[]): number {
  const byAnswer = [...all].sort((a, b) => a.answered - b.answered);
  const highest: Call[] = [];
  for (const call of byAnswer) {
    const top = highest.at(-1);
    highest.push(top && top.id > call.id ? top : call);
  }
  let checked = 0;
  for (const call of strong) {
    // How many calls were answered before this one was sent.
    let low = 0;
    let high = byAnswer.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (byAnswer[mid]!.answered < call.sent) low = mid + 1;
      else high = mid;
    }
    if (low === 0) continue;
    const top = highest[low - 1]!;
    checked += 1;
    if (top.id >= call.id) {
      expect.fail(
        `STRONG id ${call.id} (${call.client}) is not above id ${top.id} (${top.client}), answered before it was asked for`,
      );
    }
  }
  return checked;
}

for (const backend of backends) {
  const title = `${SIDECARS} sidecars × ${CLIENTS_PER_SIDECAR} clients × ${IDS_PER_CLIENT} ids on one ${backend.type}`;
  describe(backend.skipReason ? `${title} (skipped: ${backend.skipReason})` : title, () => {
    it.skipIf(backend.skipReason !== undefined)(
      "never repeat an id, keep STRONG ids in order, and continue after a restart",
      async () => {
        // One key for everything: WEAK ids first, then STRONG ids that must pass them all.
        const key = `contention-${run}`;
        let seen = new Map<bigint, Call>();
        const figures: string[] = [];
        for (const phase of ["first run", "after restart"]) {
          const sidecars = await startSidecars(backend.type, backend.metadata);
          try {
            for (const increment of [
              SequencerOptions_AutoIncrement.WEAK,
              SequencerOptions_AutoIncrement.STRONG,
            ]) {
              const started = now();
              const perClient = await race(sidecars, key, increment, phase);
              const elapsed = now() - started;
              const calls = perClient.flat();
              expect(calls).toHaveLength(SIDECARS * CLIENTS_PER_SIDECAR * IDS_PER_CLIENT);
              expectIncreasingPerClient(perClient);
              let ordered = "";
              if (increment === SequencerOptions_AutoIncrement.STRONG) {
                const checked = expectGloballyOrdered(calls, [...seen.values(), ...calls]);
                ordered = `; ${checked} of them checked against every id answered before they were asked for`;
              }
              seen = expectUnique(calls, seen);
              figures.push(
                `${backend.type}, ${phase}, ${SequencerOptions_AutoIncrement[increment]}: ${calls.length} ids in ${Math.round(elapsed)} ms (${Math.round((calls.length / elapsed) * 1000)}/s)${ordered}`,
              );
            }
          } finally {
            await Promise.all(sidecars.map((sidecar) => sidecar.stop()));
          }
        }
        console.info(figures.join("\n"));
      },
      60_000 + IDS_PER_CLIENT * 1000,
    );
  });
}
