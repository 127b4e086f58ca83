import type { ClientModel } from "./model.js";

/** One file the plugin returns to protoc/buf, which writes it under the plugin's `out` dir. */
export interface GeneratedFile {
  /** Path relative to `out`, with `/` separators, e.g. `layer8/client.go`. */
  readonly name: string;
  readonly content: string;
}

/** An option an emitter reads, e.g. Go's `go_package=...`. */
export interface OptionSpec {
  readonly name: string;
  /** Shown when the option is missing or wrong. */
  readonly description: string;
  /** Default false: the emitter copes without it. */
  readonly required?: boolean;
  /** Default false: given at most once. */
  readonly repeated?: boolean;
}

/** The plugin's options other than `lang`, already checked against the emitter's `options`. */
export interface EmitterOptions {
  /** The value of a single option, or undefined when not given. */
  get(name: string): string | undefined;
  /** Every value of a repeated option, in the order given (empty when not given). */
  getAll(name: string): readonly string[];
}

/** One language's client generator. Emitters are pure: model and options in, files out. */
export interface Emitter {
  /** The value of `lang=` that selects it: `ts`, `go`, `java` or `python`. */
  readonly lang: string;
  /** Every option it reads; the plugin refuses any other, naming it and these. */
  readonly options: readonly OptionSpec[];
  emit(model: ClientModel, options: EmitterOptions): GeneratedFile[];
}
