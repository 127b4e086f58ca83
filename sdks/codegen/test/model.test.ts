import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { buildModel } from "../src/model.js";
import { namesOf, splitWords } from "../src/names.js";
import { loadProtos } from "./load-protos.js";

const here = dirname(fileURLToPath(import.meta.url));
const protoDir = resolve(here, "../../../proto");

describe("names", () => {
  it("splits proto names into the same words whatever their casing", () => {
    expect(splitWords("GetNextId")).toEqual(["get", "next", "id"]);
    expect(splitWords("get_next_id")).toEqual(["get", "next", "id"]);
    expect(splitWords("HTTPExtension")).toEqual(["http", "extension"]);
    expect(splitWords("getBulk")).toEqual(["get", "bulk"]);
  });

  it("re-cases one name for every language", () => {
    expect(namesOf("GetFileMeta")).toMatchObject({
      camel: "getFileMeta",
      pascal: "GetFileMeta",
      snake: "get_file_meta",
      screamingSnake: "GET_FILE_META",
      kebab: "get-file-meta",
    });
  });
});

describe("the model of the real Runtime API", () => {
  const model = buildModel(loadProtos(protoDir, ["spec/proto/runtime/v1"]));
  const section = (name: string) => model.sections.find((s) => s.names.camel === name);
  const methodNames = (name: string) => section(name)?.methods.map((m) => m.names.camel);

  it("has a section per block, in the table's order, then fallbacks per service", () => {
    expect(model.sections.map((s) => s.names.camel)).toEqual([
      "state",
      "pubsub",
      "lock",
      "sequencer",
      "configuration",
      "file",
      "invocation",
      "binding",
      "secret",
      "lifecycle",
      "runtime",
    ]);
    expect(model.sections.filter((s) => s.origin === "fallback").map((s) => s.names.camel)).toEqual(
      ["lifecycle", "runtime"],
    );
  });

  it("names each block's methods after the table", () => {
    expect(methodNames("state")).toEqual([
      "get",
      "getBulk",
      "save",
      "delete",
      "deleteBulk",
      "executeTransaction",
    ]);
    expect(methodNames("file")).toEqual(["put", "get", "list", "getMeta", "delete"]);
    expect(methodNames("configuration")).toEqual(["get", "save", "delete", "subscribe"]);
    expect(methodNames("runtime")).toEqual(["sayHello"]);
  });

  it("puts every rpc of every client service in exactly one section", () => {
    const inSections = model.sections.flatMap((s) => s.methods.map((m) => m.fullName)).sort();
    const inProto = model.services.flatMap((s) => s.methods.map((m) => `${s.typeName}.${m.name}`));
    expect(inSections).toEqual(inProto.sort());
    expect(inSections).toHaveLength(new Set(inSections).size);
  });

  it("gives each method its streaming kind, messages, path and comment", () => {
    const file = section("file")!;
    const kinds = Object.fromEntries(file.methods.map((m) => [m.names.camel, m.kind]));
    expect(kinds).toMatchObject({
      put: "client-streaming",
      get: "server-streaming",
      list: "unary",
    });
    expect(
      section("configuration")!.methods.find((m) => m.rpc === "SubscribeConfiguration"),
    ).toMatchObject({
      kind: "bidi",
      path: "/spec.proto.runtime.v1.Runtime/SubscribeConfiguration",
      comment: expect.stringContaining("streams back changes"),
    });
    const getNextId = section("sequencer")!.methods[0]!;
    expect(getNextId.input.typeName).toBe("spec.proto.runtime.v1.GetNextIdRequest");
    expect(getNextId.output.fields.map((f) => f.name)).toEqual(["next_id"]);
    expect(getNextId.rpcNames.snake).toBe("get_next_id");
  });

  it("keeps AppCallback apart as a callback service, with no client section", () => {
    expect(model.callbacks.map((c) => c.typeName)).toEqual(["spec.proto.runtime.v1.AppCallback"]);
    expect(model.callbacks[0]!.methods.map((m) => m.names.camel)).toEqual([
      "listTopicSubscriptions",
      "onTopicEvent",
    ]);
    expect(model.services.map((s) => s.name)).not.toContain("AppCallback");
  });
});

describe("the model of the fixture", () => {
  it("only has the sections whose rpcs the protos define", () => {
    const model = buildModel(loadProtos(join(here, "fixture")));
    expect(model.sections.map((s) => s.names.camel)).toEqual([
      "state",
      "pubsub",
      "sequencer",
      "configuration",
      "file",
      "runtime",
    ]);
  });
});
