import { type Document, isMap, parseDocument } from "yaml";
import { ConfigTable } from "../config-table.js";
import type { ConfigChange, DriverQuery, DriverSave } from "../driver.js";
import type { ConfigurationItem } from "../types.js";

/** How a configuration file is written, from its extension. */
export type FileFormat = "yaml" | "json";

export function formatOf(path: string): FileFormat | undefined {
  if (/\.ya?ml$/i.test(path)) return "yaml";
  if (/\.json$/i.test(path)) return "json";
  return undefined;
}

/** What a new file holds: YAML gets a reminder of the layout, JSON an empty object. */
export function emptyFileText(format: FileFormat): string {
  if (format === "json") return "{}\n";
  return [
    "# Layer8 configuration. Layout (see @layer8/config's README):",
    "# <appId>:",
    "#   <group>:",
    "#     <label>:",
    "#       <key>: content",
    '#       <key>: { content: "...", tags: { name: value }, metadata: { name: value } }',
    "",
  ].join("\n");
}

/** A file whose text is not a valid configuration; the message says where and why. */
export class InvalidFileError extends Error {}

// YAML is read with the failsafe schema: every scalar is the text as written, so `port: 8080`,
// `ratio: 1.50` and `enabled: yes` mean "8080", "1.50" and "yes", exactly as typed.
const YAML_OPTIONS = { schema: "failsafe" } as const;

/**
 * A configuration file's content: the items it holds and, for YAML, the document they came from,
 * so that a save through the API changes only the items it names and keeps the comments, order
 * and style of everything else.
 */
export class ConfigFileContent {
  readonly format: FileFormat;
  readonly table: ConfigTable;
  readonly #document: Document | undefined;

  private constructor(format: FileFormat, table: ConfigTable, document: Document | undefined) {
    this.format = format;
    this.table = table;
    this.#document = document;
  }

  /** Reads a file's text. Throws `InvalidFileError` naming the first problem and where it is. */
  static parse(text: string, format: FileFormat): ConfigFileContent {
    if (format === "json") {
      let value: unknown;
      try {
        value = text.trim() === "" ? {} : JSON.parse(text);
      } catch (error) {
        throw new InvalidFileError(`not valid JSON: ${(error as Error).message}`);
      }
      return new ConfigFileContent(format, tableOf(value), undefined);
    }
    const document = parseDocument(text, YAML_OPTIONS);
    const [problem] = document.errors;
    if (problem) throw new InvalidFileError(`not valid YAML: ${problem.message.split("\n")[0]}`);
    return new ConfigFileContent(format, tableOf(document.toJS()), document);
  }

  /** A content holding `table`'s items, written afresh (the file was missing). */
  static of(table: ConfigTable, format: FileFormat): ConfigFileContent {
    const content = ConfigFileContent.parse(emptyFileText(format), format);
    for (const { appId, item } of table.entries()) content.save({ appId, items: [item] });
    return content;
  }

  save(request: DriverSave): ConfigChange[] {
    for (const item of request.items) {
      this.#document?.setIn(
        [request.appId, item.group, item.label, item.key],
        this.#document.createNode(written(item)),
      );
    }
    return this.table.save(request);
  }

  delete(query: DriverQuery): ConfigChange[] {
    const changes = this.table.delete(query);
    const document = this.#document;
    if (document) {
      const scope = [query.appId, query.group, query.label];
      for (const { item } of changes) document.deleteIn([...scope, item.key]);
      // Leave no empty maps behind: a label, group or app with no items goes too.
      for (let depth = scope.length; depth > 0; depth--) {
        const path = scope.slice(0, depth);
        const node = document.getIn(path, true);
        if (isMap(node) && node.items.length === 0) document.deleteIn(path);
      }
    }
    return changes;
  }

  render(): string {
    if (this.#document) return String(this.#document);
    const tree: Record<string, Record<string, Record<string, Record<string, unknown>>>> = {};
    for (const { appId, item } of this.table.entries()) {
      tree[appId] ??= {};
      const groups = tree[appId];
      groups[item.group] ??= {};
      const labels = groups[item.group]!;
      labels[item.label] ??= {};
      labels[item.label]![item.key] = written(item);
    }
    return `${JSON.stringify(tree, null, 2)}\n`;
  }
}

/** An item as the file holds it: the bare content, or an object when it has tags or metadata. */
function written(item: ConfigurationItem): unknown {
  const tags = Object.keys(item.tags).length > 0;
  const metadata = Object.keys(item.metadata).length > 0;
  if (!tags && !metadata) return item.content;
  return {
    content: item.content,
    ...(tags ? { tags: item.tags } : {}),
    ...(metadata ? { metadata: item.metadata } : {}),
  };
}

const LEVELS = ["app id", "group", "label"] as const;

/** The items of a parsed file: `<appId>: <group>: <label>: <key>: item`, checked level by level. */
function tableOf(root: unknown): ConfigTable {
  const table = new ConfigTable();
  const walk = (value: unknown, path: string[]) => {
    const where = path.length === 0 ? "the top level" : path.join(".");
    if (value === null || value === undefined || value === "") return;
    if (!isPlainObject(value)) {
      throw new InvalidFileError(
        `${where}: expected a map of ${LEVELS[path.length] ?? "keys"} names, found ${kind(value)}`,
      );
    }
    for (const [name, child] of Object.entries(value)) {
      if (path.length < LEVELS.length) {
        if (name === "" || name.includes("/")) {
          throw new InvalidFileError(
            `${[...path, name].join(".")}: ${LEVELS[path.length]} '${name}' must be non-empty text without '/'`,
          );
        }
        walk(child, [...path, name]);
        continue;
      }
      if (name === "") throw new InvalidFileError(`${where}: a key must not be empty`);
      const [appId, group, label] = path as [string, string, string];
      table.save({ appId, items: [itemOf(child, name, group, label, `${where}.${name}`)] });
    }
  };
  walk(root, []);
  return table;
}

function itemOf(
  value: unknown,
  key: string,
  group: string,
  label: string,
  where: string,
): ConfigurationItem {
  const item = { key, group, label, content: "", tags: {}, metadata: {} };
  if (value === null || value === undefined) return item;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    return { ...item, content: String(value) };
  }
  if (!isPlainObject(value)) {
    throw new InvalidFileError(`${where}: expected text or { content, tags, metadata }`);
  }
  const unknown = Object.keys(value).filter(
    (field) => !["content", "tags", "metadata"].includes(field),
  );
  if (unknown.length > 0) {
    throw new InvalidFileError(
      `${where}: unknown field ${unknown.join(", ")}; an item has content, tags and metadata`,
    );
  }
  const content = value.content ?? "";
  if (typeof content !== "string" && typeof content !== "number" && typeof content !== "boolean") {
    throw new InvalidFileError(`${where}.content: expected text, found ${kind(content)}`);
  }
  return {
    ...item,
    content: String(content),
    tags: textMap(value.tags, `${where}.tags`),
    metadata: textMap(value.metadata, `${where}.metadata`),
  };
}

function textMap(value: unknown, where: string): Record<string, string> {
  if (value === null || value === undefined || value === "") return {};
  if (!isPlainObject(value))
    throw new InvalidFileError(`${where}: expected a map of names to text`);
  const map: Record<string, string> = {};
  for (const [name, text] of Object.entries(value)) {
    if (typeof text === "object" && text !== null) {
      throw new InvalidFileError(`${where}.${name}: expected text, found ${kind(text)}`);
    }
    map[name] = text === null || text === undefined ? "" : String(text);
  }
  return map;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function kind(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object" && value !== null) return "a map";
  return `'${String(value)}'`;
}
