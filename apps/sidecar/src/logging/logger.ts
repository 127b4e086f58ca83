import { Code, Layer8Error } from "@layer8/core";
import { type DestinationStream, type Logger as Pino, pino } from "pino";
import { redactText, redactValue } from "./redact.js";

export const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The sidecar's log, as its parts use it. Libraries never log; the sidecar logs for them. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** Whether a debug record would be written: lets hot paths skip building one. */
  isDebugEnabled(): boolean;
}

export function isLogLevel(level: string): level is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(level);
}

/**
 * Structured JSON logs (pino), one record per line: `time`, `level`, `logger` (which part of the
 * sidecar, or which component), `msg`, and fields. Every message and field passes through
 * redaction, so secrets (passwords, tokens, credentials in URLs) never reach the log.
 */
export class Logging {
  readonly #root: Pino;
  readonly #loggers = new Map<string, Pino>();

  constructor(options: {
    level: LogLevel;
    /** Where records go; default stdout. */
    destination?: DestinationStream;
    /** Fields on every record, e.g. the app id. */
    base?: Record<string, unknown>;
  }) {
    this.#root = pino(
      {
        level: options.level,
        base: { pid: process.pid, ...options.base },
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }) },
      },
      options.destination ?? pino.destination({ dest: 1, sync: true }),
    );
  }

  /** The logger named `name` (e.g. `runtime`, `grpc`, `state.orders`), made on first use. */
  logger(name: string): Logger {
    let child = this.#loggers.get(name);
    if (!child) {
      child = this.#root.child({ logger: name });
      this.#loggers.set(name, child);
    }
    return wrap(child);
  }

  /** Names of the loggers made so far, for messages and the actuator. */
  names(): string[] {
    return [...this.#loggers.keys()].sort();
  }

  /**
   * Sets the level of one logger, or of every logger (and those made later) when `name` is not
   * given. Throws INVALID_ARGUMENT for an unknown level, NOT_FOUND for an unknown logger.
   */
  setLevel(level: string, name?: string): { level: LogLevel; loggers: string[] } {
    if (!isLogLevel(level)) {
      throw new Layer8Error(
        Code.InvalidArgument,
        `unknown log level '${level}'; use one of: ${LOG_LEVELS.join(", ")}`,
        { field: "level" },
      );
    }
    if (name === undefined) {
      this.#root.level = level;
      for (const child of this.#loggers.values()) child.level = level;
      return { level, loggers: this.names() };
    }
    const child = this.#loggers.get(name);
    if (!child) {
      throw new Layer8Error(
        Code.NotFound,
        `no logger named '${name}'; known: ${this.names().join(", ")}`,
        { field: "component" },
      );
    }
    child.level = level;
    return { level, loggers: [name] };
  }

  /** Writes what is buffered; call before the process exits. */
  flush(): void {
    this.#root.flush();
  }
}

function wrap(pinoLogger: Pino): Logger {
  const write =
    (level: "debug" | "info" | "warn" | "error") =>
    (message: string, fields?: Record<string, unknown>) => {
      if (!pinoLogger.isLevelEnabled(level)) return;
      if (fields === undefined) pinoLogger[level](redactText(message));
      else pinoLogger[level](redactValue(fields) as object, redactText(message));
    };
  return {
    debug: write("debug"),
    info: write("info"),
    warn: write("warn"),
    error: write("error"),
    isDebugEnabled: () => pinoLogger.isLevelEnabled("debug"),
  };
}
