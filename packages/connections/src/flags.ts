import { z } from "zod";

/** A boolean that config files may also write as the text `true` / `false` (e.g. from `${VAR}`). */
export const flag = z.preprocess((value) => {
  if (typeof value !== "string") return value;
  const text = value.trim().toLowerCase();
  if (text === "true") return true;
  if (text === "false") return false;
  return value;
}, z.boolean());

/** A positive whole number of milliseconds, also accepted as text. */
export const millis = z.coerce.number().int().positive();
