import type { Emitter } from "../emitter.js";
import { goEmitter } from "./go.js";
import { javaEmitter } from "./java.js";
import { pythonEmitter } from "./python.js";
import { tsEmitter } from "./ts.js";

/** Every language the plugin writes, selected by `lang=`. */
export const EMITTERS: readonly Emitter[] = [tsEmitter, goEmitter, javaEmitter, pythonEmitter];
