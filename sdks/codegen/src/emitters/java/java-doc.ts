/** google-java-format's column limit. */
const LINE_WIDTH = 100;

/**
 * Breaks a line at spaces so that each piece fits `width` (a longer word stays whole), never
 * inside an inline tag such as `{@code client.state()}`.
 */
function wrap(line: string, width: number): string[] {
  if (line.length <= width) return [line];
  const out: string[] = [];
  let current = "";
  const words = line.match(/\{@[^}]*\}\S*|\S+/g) ?? [];
  for (const word of words) {
    if (current !== "" && current.length + 1 + word.length > width) {
      out.push(current);
      current = word;
    } else current = current === "" ? word : `${current} ${word}`;
  }
  out.push(current);
  return out;
}

/**
 * A Javadoc comment at `indent`: the paragraphs given (free text passed through `docText`),
 * separated by blank comment lines, wrapped to the column limit.
 */
export function javadoc(indent: string, paragraphs: readonly string[]): string {
  const width = LINE_WIDTH - indent.length - 3;
  const lines: string[] = [];
  for (const paragraph of paragraphs) {
    if (lines.length > 0) lines.push("");
    for (const line of paragraph.split("\n")) lines.push(...wrap(line, width));
  }
  if (lines.length === 1 && lines[0]!.length <= width - 4) return `${indent}/** ${lines[0]} */\n`;
  const body = lines.map((line) => (line === "" ? `${indent} *` : `${indent} * ${line}`));
  return `${indent}/**\n${body.join("\n")}\n${indent} */\n`;
}

/** Escapes free text (a proto comment) for Javadoc. */
export function docText(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/@/g, "&#64;")
    .replace(/\*\//g, "*&#47;")
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n");
}
