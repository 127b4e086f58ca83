import { Code } from "./code.js";
import type { DriverDefinition } from "./driver.js";
import { Layer8Error } from "./layer8-error.js";

/** Maps (building block, driver type) to the driver that builds such a component. */
export class DriverRegistry {
  readonly #drivers = new Map<string, Map<string, DriverDefinition>>();

  /** Adds a driver. Registering the same (block, type) twice is a programming error. */
  register(driver: DriverDefinition): this {
    let byType = this.#drivers.get(driver.block);
    if (!byType) {
      byType = new Map();
      this.#drivers.set(driver.block, byType);
    }
    if (byType.has(driver.type)) {
      throw new Layer8Error(
        Code.AlreadyExists,
        `a ${driver.block} driver of type '${driver.type}' is already registered`,
        { block: driver.block },
      );
    }
    byType.set(driver.type, driver);
    return this;
  }

  /** The blocks that have at least one driver. */
  blocks(): string[] {
    return [...this.#drivers.keys()].sort();
  }

  /** The driver types available for a block, sorted. */
  types(block: string): string[] {
    return [...(this.#drivers.get(block)?.keys() ?? [])].sort();
  }

  /** The driver for (block, type); throws `INVALID_ARGUMENT` listing the available types. */
  get(block: string, type: string): DriverDefinition {
    const driver = this.#drivers.get(block)?.get(type);
    if (driver) return driver;
    const available = this.types(block);
    throw new Layer8Error(
      Code.InvalidArgument,
      available.length > 0
        ? `unknown ${block} driver type '${type}'; available: ${available.join(", ")}`
        : `no ${block} drivers are available in this version of Layer8`,
      { block, field: "type" },
    );
  }
}
