import { startBackends } from "./backends.js";
import { configRows } from "./config-scenarios.js";
import { FILE_MIB, fileRows } from "./file-scenarios.js";
import { lockRows } from "./lock-scenarios.js";
import { pubsubRows } from "./pubsub-scenarios.js";
import { pubsubSidecarRows } from "./pubsub-sidecar-scenarios.js";
import { printRows, printThroughput } from "./report.js";
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
  printRows(`Configuration, 100 B items, ${about}`, await configRows(backends));
  printRows(`Pub/Sub, 100 B events, ${about}`, [
    ...(await pubsubRows(backends)),
    ...(await pubsubSidecarRows(backends)),
  ]);
  printThroughput(
    `File, ${FILE_MIB} MiB files in 1 MiB chunks, whole files for at least ${timing.durationMs} ms per row`,
    await fileRows(),
  );
} finally {
  await backends.dispose();
}
