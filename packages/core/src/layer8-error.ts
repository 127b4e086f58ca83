import { Code, codeName } from "./code.js";

/** Where an error happened, so that a message can name the component, the key or the field. */
export interface ErrorContext {
  /** The building block, e.g. `state`. */
  block?: string;
  /** The configured component name, e.g. `orders`. */
  component?: string;
  /** The key, field or path the error is about. */
  field?: string;
}

export interface Layer8ErrorOptions extends ErrorContext {
  cause?: unknown;
  /** Per-item failures of a bulk operation, keyed by item key. */
  details?: Readonly<Record<string, string>>;
}

/**
 * The one error type of Layer8. Every library throws it (never returns `{ error }`), and the
 * sidecar turns its `code` into the gRPC status without guessing.
 */
export class Layer8Error extends Error {
  override readonly name = "Layer8Error";
  readonly code: Code;
  /** The message without the `[code]` prefix, as sent on the wire. */
  readonly rawMessage: string;
  readonly block: string | undefined;
  readonly component: string | undefined;
  readonly field: string | undefined;
  readonly details: Readonly<Record<string, string>>;

  constructor(code: Code, message: string, options: Layer8ErrorOptions = {}) {
    super(`[${codeName(code)}] ${message}`, { cause: options.cause });
    this.code = code;
    this.rawMessage = message;
    this.block = options.block;
    this.component = options.component;
    this.field = options.field;
    this.details = options.details ?? {};
  }

  /**
   * Turns anything thrown into a Layer8Error: a Layer8Error passes through; anything else becomes
   * `fallbackCode` (default `Unknown`) with the original kept as `cause`.
   */
  static from(reason: unknown, fallbackCode: Code = Code.Unknown): Layer8Error {
    if (reason instanceof Layer8Error) return reason;
    const message = reason instanceof Error ? reason.message : String(reason);
    return new Layer8Error(fallbackCode, message, { cause: reason });
  }
}

/** True for a Layer8Error, also across copies of this package loaded twice. */
export function isLayer8Error(value: unknown): value is Layer8Error {
  return (
    value instanceof Layer8Error ||
    (value instanceof Error &&
      value.name === "Layer8Error" &&
      typeof (value as Layer8Error).code === "number")
  );
}
