// For embedding the sidecar in a Node process (the `layer8` command uses the same entry).

export { BUILDING_BLOCKS, createDriverRegistry } from "./building-blocks.js";
export type { ConfigProblem } from "./config/config-error.js";
export { ConfigError } from "./config/config-error.js";
export { loadConfig } from "./config/load-config.js";
export type { Layer8Config } from "./config/schema.js";
export type { RunningSidecar, SidecarOptions } from "./sidecar.js";
export { runSidecar } from "./sidecar.js";
