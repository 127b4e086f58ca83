import type { DescFile, DescMessage, DescService } from "@bufbuild/protobuf";
import { wktPublicImportPaths } from "@bufbuild/protobuf/codegenv2";
import { safeIdentifier } from "@bufbuild/protoplugin";
import { Code, Layer8Error } from "@layer8/core";
import type { Emitter, EmitterOptions } from "../emitter.js";
import type { ClientMethod, ClientModel, ClientSection } from "../model.js";

/** The one file the TS emitter writes, next to protoc-gen-es's `*_pb.ts` files. */
export const TS_SECTIONS_FILE = "layer8_sections.ts";

/**
 * TypeScript: one `Layer8Sections` object with a section per block, each method a thin call of
 * the Connect client of its service, so messages, int64-as-bigint and streaming come from
 * protoc-gen-es and Connect: unary -> Promise, server stream -> AsyncIterable, client stream ->
 * takes an AsyncIterable, bidi -> both. `google.protobuf.Empty` replies become `Promise<void>`.
 */
export const tsEmitter: Emitter = {
  lang: "ts",
  options: [
    {
      name: "import_from",
      description:
        "`<proto package>:<module>`: import that package's protoc-gen-es code from one module (e.g. `spec.proto.runtime.v1:@layer8/proto`); by default each file's `./<path>_pb.js` beside the output",
      repeated: true,
    },
  ],
  emit(model, options) {
    return [{ name: TS_SECTIONS_FILE, content: renderSections(model, importResolver(options)) }];
  },
};

type ResolveModule = (file: DescFile) => string;

function importResolver(options: EmitterOptions): ResolveModule {
  const byPackage = new Map<string, string>();
  for (const entry of options.getAll("import_from")) {
    const at = entry.indexOf(":");
    if (at <= 0 || at === entry.length - 1) {
      throw new Layer8Error(
        Code.InvalidArgument,
        `codegen: import_from '${entry}' is not '<proto package>:<module>'`,
      );
    }
    byPackage.set(entry.slice(0, at), entry.slice(at + 1));
  }
  return (file) =>
    wktPublicImportPaths[file.proto.name] ??
    byPackage.get(file.proto.package) ??
    `./${file.name}_pb.js`;
}

/** protoc-gen-es's name for a message's type (`SequencerOptions_AutoIncrement` when nested). */
function shapeName(message: DescMessage): string {
  const local = message.typeName.slice(message.file.proto.package.length + 1);
  return safeIdentifier(local.split(".").join("_"));
}

const isEmpty = (message: DescMessage) => message.typeName === "google.protobuf.Empty";

/** Collects the imports a file needs, grouped by module. */
class Imports {
  private readonly modules = new Map<string, { values: Set<string>; types: Set<string> }>();
  constructor(private readonly resolve: ResolveModule) {}

  add(module: string, name: string, kind: "value" | "type"): string {
    let entry = this.modules.get(module);
    if (entry === undefined) {
      entry = { values: new Set(), types: new Set() };
      this.modules.set(module, entry);
    }
    (kind === "value" ? entry.values : entry.types).add(name);
    return name;
  }
  /** The message's type, e.g. `GetStateResponse`. */
  shape(message: DescMessage): string {
    return this.add(this.resolve(message.file), shapeName(message), "type");
  }
  /** The message's schema, for `MessageInitShape<typeof XSchema>`. */
  schema(message: DescMessage): string {
    return this.add(this.resolve(message.file), `${shapeName(message)}Schema`, "type");
  }
  /** The service's descriptor, a value: `createClient` needs it. */
  service(service: DescService): string {
    return this.add(this.resolve(service.file), safeIdentifier(service.name), "value");
  }
  render(): string[] {
    return [...this.modules.entries()]
      .sort(([a], [b]) => compareModules(a, b))
      .map(([module, { values, types }]) => {
        const onlyTypes = values.size === 0;
        const names = [...new Set([...values, ...types])].sort(compareNames);
        const list = names.map((n) => (onlyTypes || values.has(n) ? n : `type ${n}`));
        return formatImport(onlyTypes ? "import type" : "import", list, module);
      });
  }
}

/** Case-insensitive first, as biome sorts named imports. */
function compareNames(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

/** Packages before relative paths, each alphabetically, as biome's import sorting has them. */
function compareModules(a: string, b: string): number {
  const rank = (m: string) => (m.startsWith(".") ? 1 : 0);
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

function formatImport(keyword: string, names: readonly string[], module: string): string {
  const oneLine = `${keyword} { ${names.join(", ")} } from "${module}";`;
  if (oneLine.length <= 100) return oneLine;
  return `${keyword} {\n${names.map((n) => `  ${n},\n`).join("")}} from "${module}";`;
}

/** A JSDoc block at `indent`; `*\/` in proto comments cannot end it early. */
function docComment(lines: readonly string[], indent: string): string {
  const safe = lines.flatMap((line) => line.split("\n")).map((l) => l.replace(/\*\//g, "*\\/"));
  if (safe.length === 1) return `${indent}/** ${safe[0]} */\n`;
  return `${indent}/**\n${safe.map((l) => (l === "" ? `${indent} *\n` : `${indent} * ${l}\n`)).join("")}${indent} */\n`;
}

function sectionInterface(section: ClientSection): string {
  return `${section.names.pascal}Section`;
}

/** The client variable of a service inside `createLayer8Sections`. */
function clientVariable(service: DescService): string {
  return `${service.name.charAt(0).toLowerCase()}${service.name.slice(1)}Client`;
}

/** `name(params): result;` on one line, or one parameter per line when that is over 100. */
function signature(name: string, params: readonly string[], result: string): string {
  const oneLine = `  ${name}(${params.join(", ")}): ${result};`;
  if (oneLine.length <= 100) return `${oneLine}\n`;
  return `  ${name}(\n${params.map((p) => `    ${p},\n`).join("")}  ): ${result};\n`;
}

function methodSignature(method: ClientMethod, imports: Imports): string {
  const init = `MessageInitShape<typeof ${imports.schema(method.input)}>`;
  const reply = () => (isEmpty(method.output) ? "void" : imports.shape(method.output));
  const request = isEmpty(method.input) ? `request?: ${init}` : `request: ${init}`;
  const requests = `requests: AsyncIterable<${init}>`;
  const options = "options?: CallOptions";
  const name = method.names.camel;
  switch (method.kind) {
    case "unary":
      return signature(name, [request, options], `Promise<${reply()}>`);
    case "server-streaming":
      return signature(name, [request, options], `AsyncIterable<${imports.shape(method.output)}>`);
    case "client-streaming":
      return signature(name, [requests, options], `Promise<${reply()}>`);
    case "bidi":
      return signature(name, [requests, options], `AsyncIterable<${imports.shape(method.output)}>`);
  }
}

/** The method's body inside `createLayer8Sections`: a call of the Connect client, nothing more. */
function methodImplementation(method: ClientMethod): string {
  const client = clientVariable(method.service);
  const call = `${client}.${method.rpcNames.camel}`;
  const name = method.names.camel;
  const streamingIn = method.kind === "client-streaming" || method.kind === "bidi";
  const argument = streamingIn ? "requests" : isEmpty(method.input) ? "request = {}" : "request";
  const passed = streamingIn ? "requests" : "request";
  const returnsVoid =
    isEmpty(method.output) && (method.kind === "unary" || method.kind === "client-streaming");
  if (returnsVoid) {
    return `      async ${name}(${argument}, options) {\n        await ${call}(${passed}, options);\n      },\n`;
  }
  return `      ${name}: (${argument}, options) => ${call}(${passed}, options),\n`;
}

function renderSections(model: ClientModel, resolve: ResolveModule): string {
  const imports = new Imports(resolve);
  const body: string[] = [];

  for (const section of model.sections) {
    let text = docComment([section.summary], "");
    text += `export interface ${sectionInterface(section)} {\n`;
    for (const method of section.methods) {
      const doc = [
        ...(method.comment ? [method.comment, ""] : []),
        `rpc \`${method.fullName}\` (${method.kind})`,
        ...(method.deprecated ? ["@deprecated"] : []),
      ];
      text += docComment(doc, "  ");
      text += methodSignature(method, imports);
    }
    text += "}\n";
    body.push(text);
  }

  let all = docComment(
    [
      "Every rpc of the API, grouped by building block. Each method is one call of the service's",
      "Connect client: it throws whatever the transport throws and streams as Connect does.",
    ],
    "",
  );
  all += "export interface Layer8Sections {\n";
  for (const section of model.sections) {
    all += docComment([section.summary], "  ");
    all += `  readonly ${section.names.camel}: ${sectionInterface(section)};\n`;
  }
  all += "}\n";
  body.push(all);

  let factory = docComment(
    ["Creates every section over `transport`, one Connect client per service."],
    "",
  );
  factory += "export function createLayer8Sections(transport: Transport): Layer8Sections {\n";
  for (const service of model.services) {
    factory += `  const ${clientVariable(service)} = createClient(${imports.service(service)}, transport);\n`;
  }
  factory += "  return {\n";
  for (const section of model.sections) {
    factory += `    ${section.names.camel}: {\n`;
    for (const method of section.methods) factory += methodImplementation(method);
    factory += "    },\n";
  }
  factory += "  };\n}\n";
  body.push(factory);

  imports.add("@bufbuild/protobuf", "MessageInitShape", "type");
  imports.add("@connectrpc/connect", "CallOptions", "type");
  imports.add("@connectrpc/connect", "createClient", "value");
  imports.add("@connectrpc/connect", "Transport", "type");
  const sources = [...new Set(model.services.map((s) => s.file.proto.name))].sort();
  const header = [
    "// Code generated by protoc-gen-layer8-client (lang=ts). DO NOT EDIT.",
    `// Source: ${sources.join(", ")}`,
    "",
    ...imports.render(),
    "",
  ].join("\n");
  return `${header}\n${body.join("\n")}`;
}
