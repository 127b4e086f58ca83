import { Code } from "./code.js";
import type { Component } from "./component.js";
import { withDeadline } from "./deadline.js";
import { Layer8Error } from "./layer8-error.js";

/** A component with the names it is known by. */
export interface NamedComponent {
  block: string;
  name: string;
  type: string;
  component: Component;
}

export interface LifecycleOptions {
  /** How long one component's `init` or `close` may take. Default: 10,000 ms. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

function label(c: NamedComponent): string {
  return `${c.block} component '${c.name}' (type ${c.type})`;
}

/**
 * Initialises components in order. If one fails, the ones already started are closed again
 * (in reverse order) before the error is thrown, so that nothing is left half-started.
 */
export async function initAll(
  components: readonly NamedComponent[],
  options: LifecycleOptions = {},
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const started: NamedComponent[] = [];
  for (const c of components) {
    try {
      await withDeadline(c.component.init(), timeoutMs, `init of ${label(c)}`);
      started.push(c);
    } catch (error) {
      await closeAll(started, options).catch(() => undefined);
      const reason = Layer8Error.from(error, Code.Unavailable);
      throw new Layer8Error(reason.code, `${label(c)} failed to start: ${reason.rawMessage}`, {
        block: c.block,
        component: c.name,
        cause: error,
      });
    }
  }
}

/**
 * Closes components in reverse order of `components`, each within the timeout. Every component
 * gets its chance to close even if an earlier one fails; the failures are thrown together after.
 */
export async function closeAll(
  components: readonly NamedComponent[],
  options: LifecycleOptions = {},
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const failures: string[] = [];
  for (const c of [...components].reverse()) {
    try {
      await withDeadline(c.component.close(), timeoutMs, `close of ${label(c)}`);
    } catch (error) {
      failures.push(`${label(c)}: ${Layer8Error.from(error).rawMessage}`);
    }
  }
  if (failures.length > 0) {
    throw new Layer8Error(Code.Internal, `some components did not close: ${failures.join("; ")}`);
  }
}
