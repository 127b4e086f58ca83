import { Code } from "./code.js";
import { KEY_SEPARATOR } from "./key-prefix.js";
import { isLayer8Error, Layer8Error } from "./layer8-error.js";

/**
 * How every block's store names itself in errors (`state store 'orders': ...`), checks the keys
 * apps give it, and wraps its driver's failures, so that the messages read the same in every
 * block.
 */
export class StoreErrors {
  readonly #block: string;
  readonly #component: string;
  readonly #label: string;

  /** `kind` is how messages call the store, e.g. `state store` or `sequencer`. */
  constructor(block: string, kind: string, component: string) {
    this.#block = block;
    this.#component = component;
    this.#label = `${kind} '${component}'`;
  }

  /** INVALID_ARGUMENT naming the store and the field. */
  invalid(field: string, reason: string): Layer8Error {
    return new Layer8Error(Code.InvalidArgument, `${this.#label}: ${reason}`, {
      block: this.#block,
      component: this.#component,
      field,
    });
  }

  /** UNIMPLEMENTED naming the store, its driver and the feature it lacks. */
  unimplemented(type: string, feature: string): Layer8Error {
    return new Layer8Error(
      Code.Unimplemented,
      `${this.#label}: the ${type} driver does not support ${feature}`,
      {
        block: this.#block,
        component: this.#component,
        field: feature,
      },
    );
  }

  /**
   * Checks a key an app gave (`field` names it in the request: `key`, `resourceId`): not empty,
   * and free of the separator that would let it pose as another prefix's key. Returns it with
   * `prefix` in front, as drivers see it.
   */
  prefixedKey(key: unknown, field: string, prefix: string): string {
    if (typeof key !== "string" || key === "")
      throw this.invalid(field, `${field} must not be empty`);
    if (key.includes(KEY_SEPARATOR)) {
      throw this.invalid(
        field,
        `${field} '${key}' must not contain '${KEY_SEPARATOR}', which separates the key prefix`,
      );
    }
    return prefix + key;
  }

  /**
   * A driver failure with the store, the operation and its subject named: `what` reads like
   * `save of key 'a'`. A failure that is not a Layer8Error yet becomes INTERNAL.
   */
  wrap(error: unknown, what: string, field: string | undefined): Layer8Error {
    const reason = isLayer8Error(error) ? error : Layer8Error.from(error, Code.Internal);
    return new Layer8Error(reason.code, `${this.#label}: ${what} failed: ${reason.rawMessage}`, {
      block: this.#block,
      component: this.#component,
      field,
      cause: error,
    });
  }
}
