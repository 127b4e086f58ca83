// For users and driver authors alike: the error type and its codes.
export { Code, codeName } from "./code.js";
export { isLayer8Error, Layer8Error } from "./layer8-error.js";
export type { ErrorContext, Layer8ErrorOptions } from "./layer8-error.js";

// For driver and building-block authors: the component contract.
export type { Component, Health, HealthStatus } from "./component.js";
export { defineDriver } from "./driver.js";
export type { DriverContext, DriverDefinition } from "./driver.js";
export { parseMetadata } from "./metadata.js";
export type { MetadataIssue, MetadataOwner } from "./metadata.js";

// For runtimes that compose components (the sidecar).
export { DriverRegistry } from "./registry.js";
export { closeAll, initAll } from "./lifecycle.js";
export type { LifecycleOptions, NamedComponent } from "./lifecycle.js";
export { withDeadline } from "./deadline.js";
