/**
 * Python's keywords: a generated name equal to one gets a trailing `_` (PEP 8). Soft keywords
 * (`match`, `case`, `type`) are valid names and stay as they are.
 */
const KEYWORDS = new Set([
  "False",
  "None",
  "True",
  "and",
  "as",
  "assert",
  "async",
  "await",
  "break",
  "class",
  "continue",
  "def",
  "del",
  "elif",
  "else",
  "except",
  "finally",
  "for",
  "from",
  "global",
  "if",
  "import",
  "in",
  "is",
  "lambda",
  "nonlocal",
  "not",
  "or",
  "pass",
  "raise",
  "return",
  "try",
  "while",
  "with",
  "yield",
]);

export function safeName(name: string): string {
  return KEYWORDS.has(name) ? `${name}_` : name;
}

/**
 * A docstring at `indent`. Proto comments are free text: backslashes and quotes that could end
 * the string early are escaped, so any comment yields valid Python.
 */
export function docstring(lines: readonly string[], indent: string): string {
  const safe = lines
    .flatMap((line) => line.split("\n"))
    .map((line) => line.replace(/\s+$/, "").replace(/\\/g, "\\\\").replace(/"""/g, '\\"\\"\\"'));
  while (safe.length > 0 && safe[safe.length - 1] === "") safe.pop();
  if (safe.length === 0) return "";
  const last = safe[safe.length - 1] ?? "";
  // A closing `"` right before `"""` would merge with it.
  if (last.endsWith('"')) safe[safe.length - 1] = `${last.slice(0, -1)}\\"`;
  if (safe.length === 1) return `${indent}"""${safe[0]}"""\n`;
  const [first, ...rest] = safe;
  return `${indent}"""${first}\n${rest.map((l) => (l === "" ? "\n" : `${indent}${l}\n`)).join("")}${indent}"""\n`;
}

/** `name = ["a", "b"]`, one item a line when that is over 99 characters. */
export function pythonList(name: string, items: readonly string[]): string {
  const quoted = items.map((item) => `"${item}"`);
  const oneLine = `${name} = [${quoted.join(", ")}]`;
  if (oneLine.length <= 99) return oneLine;
  return `${name} = [\n${quoted.map((q) => `    ${q},\n`).join("")}]`;
}
