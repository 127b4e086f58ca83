// For emitter authors and tests: the model, the emitter contract, the plugin itself.
export { BLOCKS, type BlockDefinition, CALLBACK_SERVICES } from "./blocks.js";
export type { Emitter, EmitterOptions, GeneratedFile, OptionSpec } from "./emitter.js";
export { EMITTERS } from "./emitters/index.js";
export type {
  CallbackService,
  ClientMethod,
  ClientModel,
  ClientSection,
  StreamingKind,
} from "./model.js";
export { buildModel } from "./model.js";
export { type Names, namesOf, splitWords } from "./names.js";
export { plugin } from "./plugin.js";
