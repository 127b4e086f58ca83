import { mkdtempSync, rmSync } from "node:fs";
import { lstat, mkdir, readFile, rename, rm, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Code } from "@layer8/core";
import { afterAll, describe, expect, it } from "vitest";
import {
  type ConfigStore,
  type ConfigurationItem,
  createConfigStore,
  fileConfigDriver,
} from "../index.js";
import { describeConfigConformance } from "../testing/index.js";

const scratch = mkdtempSync(join(tmpdir(), "layer8-config-file-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let files = 0;
/** A path in a directory of its own, as each store watches its file's directory. */
function freshPath(name = "configuration.yaml"): string {
  files += 1;
  return join(scratch, `store-${files}`, name);
}

async function open(path: string, metadata: Record<string, unknown> = {}): Promise<ConfigStore> {
  const store = createConfigStore({
    driver: fileConfigDriver,
    name: "settings",
    metadata: { path, ...metadata },
    appId: "shop",
  });
  await store.init();
  return store;
}

for (const name of ["configuration.yaml", "configuration.json"]) {
  describeConfigConformance({
    name: `file, ${name.split(".")[1]} (in-process)`,
    setup: async () => {
      const store = await open(freshPath(name));
      return { store, close: () => store.close() };
    },
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Subscribes and records what arrives. */
async function watch(store: ConfigStore, request: Parameters<ConfigStore["subscribe"]>[0] = {}) {
  const items: ConfigurationItem[] = [];
  const subscription = await store.subscribe(request, (batch) => items.push(...batch));
  const received = async (count: number) => {
    const deadline = Date.now() + 5000;
    while (items.length < count && Date.now() < deadline) await sleep(10);
    expect(items.length, `received ${JSON.stringify(items)}`).toBeGreaterThanOrEqual(count);
    return items;
  };
  return { items, subscription, received };
}

const shown = (items: readonly ConfigurationItem[]) => items.map((i) => `${i.key}=${i.content}`);

describe("the file driver's file", () => {
  it("is created with its directories when missing, holding a reminder of the layout", async () => {
    const path = freshPath();
    const store = await open(path);
    try {
      expect(await readFile(path, "utf8")).toContain("# <appId>:");
      expect((await store.get({})).items).toEqual([]);
      expect(await store.health()).toMatchObject({ status: "UP", details: { path, items: 0 } });
    } finally {
      await store.close();
    }
  });

  it("is read as <appId>: <group>: <label>: <key>: content or { content, tags, metadata }, values as written", async () => {
    const path = freshPath();
    await open(path).then((store) => store.close());
    await writeFile(
      path,
      [
        "shop:",
        "  default:",
        "    default:",
        "    # every scalar is text, exactly as written",
        "      port: 8080",
        "      ratio: 1.50",
        "      enabled: yes",
        "      empty:",
        "  backend:",
        "    production:",
        "      db:",
        "        content: postgres://db",
        "        tags: { owner: team-a }",
        "        metadata: { version: 3 }",
        "billing:",
        "  default:",
        "    default:",
        "      currency: EUR",
        "",
      ].join("\n"),
    );
    const store = await open(path);
    try {
      expect((await store.get({})).items).toEqual([
        { key: "empty", content: "", group: "default", label: "default", tags: {}, metadata: {} },
        {
          key: "enabled",
          content: "yes",
          group: "default",
          label: "default",
          tags: {},
          metadata: {},
        },
        {
          key: "port",
          content: "8080",
          group: "default",
          label: "default",
          tags: {},
          metadata: {},
        },
        {
          key: "ratio",
          content: "1.50",
          group: "default",
          label: "default",
          tags: {},
          metadata: {},
        },
      ]);
      expect((await store.get({ group: "backend", label: "production" })).items).toEqual([
        {
          key: "db",
          content: "postgres://db",
          group: "backend",
          label: "production",
          tags: { owner: "team-a" },
          metadata: { version: "3" },
        },
      ]);
      expect(shown((await store.get({ appId: "billing" })).items)).toEqual(["currency=EUR"]);
    } finally {
      await store.close();
    }
  });

  it("may be JSON, by its extension", async () => {
    const path = freshPath("settings.json");
    await open(path).then((store) => store.close());
    expect(JSON.parse(await readFile(path, "utf8"))).toEqual({});
    await writeFile(
      path,
      JSON.stringify({
        shop: { default: { default: { a: "1", b: { content: "2", tags: { t: "x" } } } } },
      }),
    );
    const store = await open(path);
    try {
      expect((await store.get({ keys: ["b", "a"] })).items).toEqual([
        {
          key: "b",
          content: "2",
          group: "default",
          label: "default",
          tags: { t: "x" },
          metadata: {},
        },
        { key: "a", content: "1", group: "default", label: "default", tags: {}, metadata: {} },
      ]);
      await store.save({ items: [{ key: "c", content: "3" }] });
      expect(JSON.parse(await readFile(path, "utf8"))).toEqual({
        shop: { default: { default: { a: "1", b: { content: "2", tags: { t: "x" } }, c: "3" } } },
      });
    } finally {
      await store.close();
    }
  });

  it("refuses to start on an invalid file, naming the file and where the problem is", async () => {
    const path = freshPath();
    await open(path).then((store) => store.close());
    await writeFile(path, "shop:\n  default:\n    default:\n      k: [1, 2]\n");
    const store = createConfigStore({ driver: fileConfigDriver, metadata: { path } });
    await expect(store.init()).rejects.toMatchObject({
      code: Code.InvalidArgument,
      message: expect.stringContaining(
        `configuration file '${path}' is not a valid configuration file: shop.default.default.k: expected text or { content, tags, metadata }`,
      ),
    });
    await store.close();
  });

  it("must be .yaml, .yml or .json", () => {
    expect(() =>
      createConfigStore({
        driver: fileConfigDriver,
        name: "settings",
        metadata: { path: "c.toml" },
      }),
    ).toThrowError(
      expect.objectContaining({
        code: Code.InvalidArgument,
        message: expect.stringContaining("metadata.path: must end in .yaml, .yml or .json"),
      }),
    );
  });
});

describe("editing the file by hand", () => {
  it("pushes what changed to subscribers: new and changed keys, removed keys with empty content", async () => {
    const path = freshPath();
    const store = await open(path);
    try {
      await store.save({
        items: [
          { key: "kept", content: "same" },
          { key: "changed", content: "before" },
          { key: "removed", content: "soon gone" },
        ],
      });
      const subscriber = await watch(store);
      await writeFile(
        path,
        "shop:\n  default:\n    default:\n      kept: same\n      changed: after\n      added: new\n",
      );
      await subscriber.received(3);
      await sleep(400);
      expect(shown(subscriber.items).sort()).toEqual(["added=new", "changed=after", "removed="]);
      expect(shown((await store.get({})).items)).toEqual([
        "added=new",
        "changed=after",
        "kept=same",
      ]);
    } finally {
      await store.close();
    }
  });

  it("is seen when an editor replaces the file by renaming a new one over it", async () => {
    const path = freshPath();
    const store = await open(path);
    try {
      const subscriber = await watch(store, { keys: ["k"] });
      const temporary = `${path}.swp`;
      await writeFile(temporary, "shop:\n  default:\n    default:\n      k: from the editor\n");
      await rename(temporary, path);
      expect(shown(await subscriber.received(1))).toEqual(["k=from the editor"]);
    } finally {
      await store.close();
    }
  });

  it("is seen through a symlinked directory swapped the way Kubernetes updates a ConfigMap", async () => {
    const path = freshPath();
    const directory = dirname(path);
    const version = async (name: string, theme: string) => {
      await mkdir(join(directory, name), { recursive: true });
      await writeFile(
        join(directory, name, "configuration.yaml"),
        `shop:\n  default:\n    default:\n      theme: ${theme}\n`,
      );
    };
    await version("..2024_01", "light");
    await symlink("..2024_01", join(directory, "..data"));
    await symlink(join("..data", "configuration.yaml"), path);
    const store = await open(path);
    try {
      expect(shown((await store.get({})).items)).toEqual(["theme=light"]);
      const subscriber = await watch(store);
      await version("..2024_02", "dark");
      await symlink("..2024_02", join(directory, "..data_tmp"));
      await rename(join(directory, "..data_tmp"), join(directory, "..data"));
      expect(shown(await subscriber.received(1))).toEqual(["theme=dark"]);
      // A save writes through the links: the file they point to is replaced, the links stay.
      await store.save({ items: [{ key: "theme", content: "blue" }] });
      expect((await lstat(path)).isSymbolicLink()).toBe(true);
      expect(await readFile(join(directory, "..2024_02", "configuration.yaml"), "utf8")).toContain(
        "theme: blue",
      );
    } finally {
      await store.close();
    }
  });

  it("into an invalid file keeps the last good content and subscribers' view, turns health DOWN, and recovers when fixed", async () => {
    const path = freshPath();
    const store = await open(path);
    try {
      await store.save({
        items: [
          { key: "a", content: "1" },
          { key: "b", content: "2" },
        ],
      });
      const subscriber = await watch(store);
      await writeFile(path, "shop:\n  default: [\n");
      await sleep(400);
      expect(subscriber.items, "an invalid file reached subscribers").toEqual([]);
      expect(shown((await store.get({})).items)).toEqual(["a=1", "b=2"]);
      const health = await store.health();
      expect(health.status).toBe("DOWN");
      expect(String(health.details?.error)).toContain("not valid YAML");
      await expect(store.save({ items: [{ key: "c", content: "3" }] })).rejects.toMatchObject({
        code: Code.FailedPrecondition,
        message: expect.stringContaining("fix the file before saving"),
      });
      expect(await readFile(path, "utf8"), "the user's broken edit was overwritten").toBe(
        "shop:\n  default: [\n",
      );

      await writeFile(path, "shop:\n  default:\n    default:\n      a: 1\n      b: two\n");
      expect(shown(await subscriber.received(1))).toEqual(["b=two"]);
      expect((await store.health()).status).toBe("UP");
    } finally {
      await store.close();
    }
  });

  it("is delivered before a save that read the file first, even when the watcher has not seen it yet", async () => {
    const path = freshPath();
    // A watcher too slow to matter: the save must find the edit itself.
    const store = await open(path, { watchDebounceMs: 60_000 });
    try {
      const subscriber = await watch(store);
      await writeFile(path, "shop:\n  default:\n    default:\n      by-hand: 1\n");
      await store.save({ items: [{ key: "by-api", content: "2" }] });
      expect(shown(subscriber.items)).toEqual(["by-hand=1", "by-api=2"]);
      expect(await readFile(path, "utf8")).toBe(
        "shop:\n  default:\n    default:\n      by-hand: 1\n      by-api: 2\n",
      );
    } finally {
      await store.close();
    }
  });

  it("removing the file keeps the last content; the next save writes it back with the change", async () => {
    const path = freshPath();
    const store = await open(path);
    try {
      await store.save({ items: [{ key: "a", content: "1" }] });
      const subscriber = await watch(store);
      await rm(path);
      await sleep(400);
      expect(subscriber.items).toEqual([]);
      expect(shown((await store.get({})).items)).toEqual(["a=1"]);
      expect((await store.health()).status).toBe("DOWN");
      await store.save({ items: [{ key: "b", content: "2" }] });
      expect(await readFile(path, "utf8")).toContain("b: 2");
      expect(await readFile(path, "utf8")).toContain("a: 1");
      expect((await store.health()).status).toBe("UP");
    } finally {
      await store.close();
    }
  });
});

describe("saving and deleting through the driver", () => {
  it("rewrites only the items named: comments, order and other apps stay as the user wrote them", async () => {
    const path = freshPath();
    await open(path).then((store) => store.close());
    await writeFile(
      path,
      [
        "# settings of every app",
        "",
        "shop:",
        "  default:",
        "    default:",
        "      b: 2 # second",
        "      a: 1",
        "      gone: x",
        "billing: { default: { default: { currency: EUR } } }",
        "",
      ].join("\n"),
    );
    const store = await open(path);
    try {
      await store.save({ items: [{ key: "a", content: "one\nline two", tags: { t: "1" } }] });
      await store.delete({ keys: ["gone"] });
      expect(await readFile(path, "utf8")).toBe(
        [
          "# settings of every app",
          "",
          "shop:",
          "  default:",
          "    default:",
          "      b: 2 # second",
          "      a:",
          "        content: |-",
          "          one",
          "          line two",
          "        tags:",
          "          t: 1",
          "billing: { default: { default: { currency: EUR } } }",
          "",
        ].join("\n"),
      );
      await store.delete({ keys: ["a", "b"] });
      expect(await readFile(path, "utf8")).toBe(
        [
          "# settings of every app",
          "",
          "billing: { default: { default: { currency: EUR } } }",
          "",
        ].join("\n"),
      );
    } finally {
      await store.close();
    }
  });

  it("replaces the file atomically and keeps its permissions", async () => {
    const path = freshPath();
    const store = await open(path);
    try {
      const { chmod } = await import("node:fs/promises");
      await chmod(path, 0o600);
      const before = await stat(path);
      await store.save({ items: [{ key: "a", content: "1" }] });
      const after = await stat(path);
      expect(after.ino, "the file was written in place").not.toBe(before.ino);
      expect(after.mode & 0o777).toBe(0o600);
    } finally {
      await store.close();
    }
  });

  it("notifies each subscriber once, not again when the watcher sees the new file", async () => {
    const path = freshPath();
    const store = await open(path, { watchDebounceMs: 20 });
    try {
      const subscriber = await watch(store);
      await store.save({ items: [{ key: "a", content: "1" }] });
      await store.delete({ keys: ["a"] });
      await sleep(400);
      expect(shown(subscriber.items)).toEqual(["a=1", "a="]);
    } finally {
      await store.close();
    }
  });
});
