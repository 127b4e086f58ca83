/**
 * The members of a JSON object text, each value as its exact source text. `JSON.parse` would turn
 * a value back into text differently (numbers beyond 2^53 lose digits, escapes and spacing
 * change); slicing the source keeps a JSON payload inside an envelope byte for byte.
 *
 * `text` must already be known to be valid JSON (checked with `JSON.parse`): this scanner only
 * finds boundaries, it does not validate. A key given twice keeps its last value, as `JSON.parse`.
 */
export function jsonMembers(text: string): Map<string, string> {
  const members = new Map<string, string>();
  let at = skipSpace(text, 0);
  if (text[at] !== "{") throw new TypeError("not a JSON object");
  at = skipSpace(text, at + 1);
  if (text[at] === "}") return members;
  for (;;) {
    const keyEnd = stringEnd(text, at);
    const key = JSON.parse(text.slice(at, keyEnd)) as string;
    at = skipSpace(text, keyEnd);
    at = skipSpace(text, at + 1); // the ':'
    const valueEnd = valueEndAt(text, at);
    members.set(key, text.slice(at, valueEnd));
    at = skipSpace(text, valueEnd);
    if (text[at] === "}") return members;
    at = skipSpace(text, at + 1); // the ','
  }
}

function skipSpace(text: string, at: number): number {
  let i = at;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    // space, tab, line feed, carriage return: JSON's only whitespace
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
    i++;
  }
  return i;
}

/** `at` is on an opening quote; returns the index after the closing one. */
function stringEnd(text: string, at: number): number {
  let i = at + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === "\\") i += 2;
    else if (c === '"') return i + 1;
    else i++;
  }
  throw new TypeError("unterminated JSON string");
}

function valueEndAt(text: string, at: number): number {
  const first = text[at];
  if (first === '"') return stringEnd(text, at);
  if (first === "{" || first === "[") {
    let depth = 0;
    let i = at;
    while (i < text.length) {
      const c = text[i];
      if (c === '"') {
        i = stringEnd(text, i);
        continue;
      }
      if (c === "{" || c === "[") depth++;
      else if (c === "}" || c === "]") {
        depth--;
        if (depth === 0) return i + 1;
      }
      i++;
    }
    throw new TypeError("unterminated JSON value");
  }
  // A number, true, false or null: it ends where the enclosing object continues.
  let i = at;
  while (i < text.length) {
    const c = text[i];
    if (c === "," || c === "}" || c === " " || c === "\t" || c === "\n" || c === "\r") break;
    i++;
  }
  return i;
}
