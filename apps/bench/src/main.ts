import { startBackends } from "./backends.js";
import { lockRows } from "./lock-scenarios.js";
import { printRows } from "./report.js";
import { sequencerRows } from "./sequencer-scenarios.js";
import { stateRows } from "./state-scenarios.js";
import { timing } from "./timing.js";

// Every scenario runs directly on the library in-process and through the sidecar over gRPC, in
// the same run, so the ratio is the sidecar's cost. The load generator, the sidecar and the
// backends share this machine's cores: compare ratios, not figures across machines.

const backends = await startBackends();
try {
  const about = `${timing.durationMs} ms per row after ${timing.warmupMs} ms warm-up`;
  printRows(`State, 100 B values, ${about}`, await stateRows(backends));
  printRows(`Lock, uncontended TryLock+Unlock pairs, ${about}`, await lockRows(backends));
  printRows(`Sequencer, one key, ${about}`, await sequencerRows(backends));
} finally {
  await backends.dispose();
}
