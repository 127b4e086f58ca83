/**
 * One identifier in every casing the emitters need. Words are split from a proto name once, here,
 * so that `GetNextId` is `getNextId`, `GetNextId`, `get_next_id` and `GET_NEXT_ID` in every
 * language alike and no emitter re-splits names its own way.
 */
export interface Names {
  /** The lower-case words, e.g. `["get", "next", "id"]`. */
  readonly words: readonly string[];
  /** `getNextId`: TS and Java methods and fields. */
  readonly camel: string;
  /** `GetNextId`: Go exported names, TS/Java types. */
  readonly pascal: string;
  /** `get_next_id`: Python functions and modules. */
  readonly snake: string;
  /** `GET_NEXT_ID`: constants. */
  readonly screamingSnake: string;
  /** `get-next-id`: file names. */
  readonly kebab: string;
}

/**
 * Splits `GetNextId`, `getNextId`, `get_next_id` or `ListFileResp` into lower-case words. A run
 * of capitals is one word (`HTTPServer` -> `http`, `server`), and digits stay with the letters
 * before them (`V1Alpha` -> `v1`, `alpha`).
 */
export function splitWords(identifier: string): string[] {
  const spaced = identifier
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .replace(/[_\-.\s]+/g, " ")
    .trim();
  return spaced === "" ? [] : spaced.split(" ").map((word) => word.toLowerCase());
}

const capitalize = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

export function namesOf(identifier: string): Names {
  const words = splitWords(identifier);
  const pascal = words.map(capitalize).join("");
  return {
    words,
    camel: pascal.charAt(0).toLowerCase() + pascal.slice(1),
    pascal,
    snake: words.join("_"),
    screamingSnake: words.join("_").toUpperCase(),
    kebab: words.join("-"),
  };
}
