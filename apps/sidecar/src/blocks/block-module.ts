import type { ServiceImpl } from "@connectrpc/connect";
import type { RuntimeMetrics } from "@layer8/actuator";
import type { Component, DriverDefinition } from "@layer8/core";
import type { Runtime } from "@layer8/proto";
import type { ComponentConfig } from "../config/schema.js";
import type { Tracing } from "../tracing/tracing.js";

/** What the sidecar lends a block's rpcs besides its components (most blocks need none of it). */
export interface ServiceRuntime {
  /** The runtime's metrics, for what a block counts itself (e.g. pub/sub deliveries). */
  metrics: RuntimeMetrics;
  /** Set when tracing is enabled: the rpc being served has a span (e.g. for a CloudEvent). */
  tracing?: Tracing | undefined;
}

/** How a building block plugs into the sidecar: its drivers, how to build a store, its rpcs. */
export interface BlockModule<Store extends Component = Component> {
  /** The key under `components:` in the config, e.g. `state`. */
  name: string;
  /** How messages name one of its components, e.g. `state store`. */
  storeKind: string;
  drivers: readonly DriverDefinition[];
  /** Components the sidecar runs with when started without a config. */
  embedded: Record<string, ComponentConfig>;
  /** Builds one component (validating its metadata; nothing connects yet). */
  create(
    driver: DriverDefinition,
    options: { name: string; metadata: Record<string, unknown>; appId: string },
  ): Store;
  /** The Runtime rpcs this block serves, over its configured components by name. */
  service(
    stores: ReadonlyMap<string, Store>,
    runtime: ServiceRuntime,
  ): Partial<ServiceImpl<typeof Runtime>>;
}
