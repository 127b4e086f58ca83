import { describe, expect, it } from "vitest";
import { ConfigFileContent, type FileFormat, formatOf } from "./file-content.js";

const problem = (text: string, format: FileFormat = "yaml") => {
  try {
    ConfigFileContent.parse(text, format);
  } catch (error) {
    return (error as Error).message;
  }
  return "no problem";
};

describe("configuration file content", () => {
  it("knows YAML and JSON by extension", () => {
    expect(["a.yaml", "a.YML", "a.json", "a.toml"].map(formatOf)).toEqual([
      "yaml",
      "yaml",
      "json",
      undefined,
    ]);
  });

  it("takes empty files and empty levels as no items", () => {
    for (const text of ["", "# only a comment\n", "shop:\n", "shop:\n  g:\n    l:\n"]) {
      expect(ConfigFileContent.parse(text, "yaml").table.size, text).toBe(0);
    }
    expect(ConfigFileContent.parse("", "json").table.size).toBe(0);
  });

  it("names where the file goes wrong, and how", () => {
    expect(problem("- a\n- b\n")).toBe(
      "the top level: expected a map of app id names, found a list",
    );
    expect(problem("shop: text\n")).toBe("shop: expected a map of group names, found 'text'");
    expect(problem("shop:\n  a/b:\n    l:\n      k: v\n")).toBe(
      "shop.a/b: group 'a/b' must be non-empty text without '/'",
    );
    expect(problem("shop:\n  g:\n    l:\n      k: { content: v, owner: me }\n")).toBe(
      "shop.g.l.k: unknown field owner; an item has content, tags and metadata",
    );
    expect(problem("shop:\n  g:\n    l:\n      k: { content: v, tags: [a] }\n")).toBe(
      "shop.g.l.k.tags: expected a map of names to text",
    );
    expect(problem("shop:\n  g:\n    l:\n      k: { content: { nested: x } }\n")).toBe(
      "shop.g.l.k.content: expected text, found a map",
    );
    expect(problem("a: 1\na: 2\n")).toMatch(/^not valid YAML: Map keys must be unique/);
    expect(problem("{", "json")).toMatch(/^not valid JSON: /);
    expect(problem('{"shop": {"g": {"l": {"k": [1]}}}}', "json")).toBe(
      "shop.g.l.k: expected text or { content, tags, metadata }",
    );
  });

  it("writes back tricky content that reads the same", () => {
    const content = ConfigFileContent.parse("", "yaml");
    const samples = [
      "",
      " padded ",
      "a: b",
      "- x",
      "# not a comment",
      "'quoted'",
      '"q"',
      "@at",
      "multi\nline\n",
      "~",
      "null",
      "{x}",
    ];
    content.save({
      appId: "app",
      items: samples.map((text, i) => ({
        key: `k${i}`,
        content: text,
        group: "g",
        label: "l",
        tags: {},
        metadata: {},
      })),
    });
    const reread = ConfigFileContent.parse(content.render(), "yaml");
    expect(
      reread.table
        .get({ appId: "app", group: "g", label: "l", keys: [] })
        .map((item) => item.content),
    ).toEqual(samples);
  });
});
