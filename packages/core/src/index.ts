// For users and driver authors alike: the error type and its codes.
export { Code, codeName } from "./code.js";
// For driver and building-block authors: the component contract.
export type { Component, Health, HealthStatus } from "./component.js";
export { withDeadline } from "./deadline.js";
export type { DriverContext, DriverDefinition } from "./driver.js";
export { defineDriver } from "./driver.js";
export type { InstantiateDriverOptions } from "./instantiate-driver.js";
export { instantiateDriver } from "./instantiate-driver.js";
export { KEY_SEPARATOR, keyPrefixMetadata, resolveKeyPrefix } from "./key-prefix.js";
export type { ErrorContext, Layer8ErrorOptions } from "./layer8-error.js";
export { isLayer8Error, Layer8Error } from "./layer8-error.js";
export type { LifecycleOptions, NamedComponent } from "./lifecycle.js";
export { closeAll, initAll } from "./lifecycle.js";
export type { MetadataIssue, MetadataOwner } from "./metadata.js";
export { parseMetadata } from "./metadata.js";
// For runtimes that compose components (the sidecar).
export { DriverRegistry } from "./registry.js";
export { StoreErrors } from "./store-errors.js";
