import type { DescMessage, DescService } from "@bufbuild/protobuf";
import type { ClientMethod, ClientModel, ClientSection } from "../../model.js";
import { namesOf } from "../../names.js";
import { classPath, ModuleAliases, type StubModules, stubClass } from "./python-modules.js";
import { docstring, pythonList, safeName } from "./python-text.js";

/** What the client module needs besides the model: where the stubs and the call helpers live. */
export interface PythonClientOptions {
  readonly modules: StubModules;
  /** The module with `unary`, `server_stream`, ..., `Metadata` and `ResponseStream`. */
  readonly runtimeModule: string;
}

const isEmpty = (message: DescMessage) => message.typeName === "google.protobuf.Empty";

/** The call helper of each streaming kind, in the runtime module. */
const HELPERS = {
  unary: "unary",
  "server-streaming": "server_stream",
  "client-streaming": "client_stream",
  bidi: "bidi_stream",
} as const;

/** Names used in one module: the stub modules it imports and the helpers it calls. */
class Uses {
  readonly aliases = new ModuleAliases();
  readonly helpers = new Set<string>(["Metadata"]);
  iterable = false;
  private resolved: Map<string, string> | undefined;

  constructor(private readonly modules: StubModules) {}

  /** Records the modules a method needs, before any is rendered. */
  method(method: ClientMethod): void {
    this.aliases.use(this.modules.messages(method.input.file));
    this.aliases.use(this.modules.messages(method.output.file));
    this.service(method.service);
    this.helpers.add(HELPERS[method.kind]);
    if (method.kind === "server-streaming" || method.kind === "bidi") {
      this.helpers.add("ResponseStream");
    }
    if (method.kind === "client-streaming" || method.kind === "bidi") this.iterable = true;
  }

  service(service: DescService): void {
    this.aliases.use(this.modules.services(service.file));
  }

  private alias(module: string): string {
    this.resolved ??= this.aliases.resolve();
    return this.resolved.get(module) ?? module;
  }

  /** `runtime_pb2.GetStateRequest` */
  type(message: DescMessage): string {
    return `${this.alias(this.modules.messages(message.file))}.${classPath(message)}`;
  }

  /** `runtime_pb2_grpc.RuntimeStub` */
  stub(service: DescService): string {
    return `${this.alias(this.modules.services(service.file))}.${stubClass(service)}`;
  }

  imports(runtimeModule: string): string {
    const lines = ["from __future__ import annotations", ""];
    if (this.iterable) lines.push("from collections.abc import Iterable", "");
    lines.push("import grpc", "");
    // One `from parent import a, b` per package, as isort has it; top-level modules on their own.
    const byParent = new Map<string, string[]>([[runtimeModule, [...this.helpers].sort()]]);
    const plain: [string, string][] = [];
    for (const [module, alias] of this.aliases.resolve()) {
      const dot = module.lastIndexOf(".");
      const name = module.slice(dot + 1);
      const as = alias === name ? name : `${name} as ${alias}`;
      if (dot < 0) {
        plain.push([module, `import ${as}`]);
        continue;
      }
      const parent = module.slice(0, dot);
      byParent.set(parent, [...(byParent.get(parent) ?? []), as]);
    }
    const statements: [string, string][] = [...plain];
    for (const [parent, names] of byParent) {
      statements.push([parent, `from ${parent} import ${names.join(", ")}`]);
    }
    statements.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    lines.push(...statements.map(([, line]) => wrapImport(line)));
    return `${lines.join("\n")}\n`;
  }
}

/** `from m import a, b, c` in parentheses, one name a line, when it is over 99 characters. */
function wrapImport(line: string): string {
  if (line.length <= 99) return line;
  const at = line.indexOf(" import ");
  const names = line.slice(at + 8).split(", ");
  return `${line.slice(0, at + 8)}(\n${names.map((n) => `    ${n},\n`).join("")})`;
}

function sectionClass(section: ClientSection): string {
  return `${section.names.pascal}Section`;
}

/** The attribute a section keeps a service's stub in, and the client's local for it. */
function stubVariable(service: DescService): string {
  return `${namesOf(service.name).snake}_stub`;
}

/** The services a section calls, in the model's order, so constructors are stable. */
function servicesOf(section: ClientSection, model: ClientModel): DescService[] {
  const used = new Set(section.methods.map((m) => m.service));
  return model.services.filter((service) => used.has(service));
}

function methodDoc(method: ClientMethod): string[] {
  return [
    ...(method.comment ? [method.comment, ""] : []),
    `rpc \`\`${method.fullName}\`\` (${method.kind})`,
    ...(method.deprecated ? ["", ".. deprecated:: the rpc is deprecated in the proto."] : []),
  ];
}

/** One method: its signature, docstring and the one call of the standard stub. */
function renderMethod(method: ClientMethod, uses: Uses): string {
  const streamingIn = method.kind === "client-streaming" || method.kind === "bidi";
  const streamingOut = method.kind === "server-streaming" || method.kind === "bidi";
  const input = uses.type(method.input);
  const params = ["self"];
  let argument = "request";
  if (streamingIn) {
    params.push(`requests: Iterable[${input}]`);
    argument = "requests";
  } else if (isEmpty(method.input)) {
    // A request with no fields need not be written out.
    params.push(`request: ${input} | None = None`);
    argument = `${input}() if request is None else request`;
  } else {
    params.push(`request: ${input}`);
  }
  params.push("*", "timeout: float | None = None", "metadata: Metadata | None = None");
  const output = uses.type(method.output);
  const returnsNone = !streamingOut && isEmpty(method.output);
  const result = streamingOut ? `ResponseStream[${output}]` : returnsNone ? "None" : output;

  const name = safeName(method.names.snake);
  let text = `    def ${name}(\n${params.map((p) => `        ${p},\n`).join("")}    ) -> ${result}:\n`;
  text += docstring(methodDoc(method), "        ");
  // `unary(self._runtime_stub.GetState, request, timeout, metadata)`, wrapped as ruff would
  // wrap it when it does not fit in 99 columns.
  const args = [
    `self._${stubVariable(method.service)}.${method.rpc}`,
    argument,
    "timeout",
    "metadata",
  ];
  const prefix = `        ${returnsNone ? "" : "return "}${HELPERS[method.kind]}(`;
  const oneLine = `${prefix}${args.join(", ")})`;
  text +=
    oneLine.length <= 99
      ? `${oneLine}\n`
      : `${prefix}\n${args.map((a) => `            ${a},\n`).join("")}        )\n`;
  return text;
}

function renderSection(section: ClientSection, model: ClientModel, uses: Uses): string {
  const services = servicesOf(section, model);
  let text = `class ${sectionClass(section)}:\n`;
  text += docstring([section.summary], "    ");
  const params = services.map((s) => `${stubVariable(s)}: ${uses.stub(s)}`);
  text += `\n    def __init__(self, ${params.join(", ")}) -> None:\n`;
  for (const service of services) {
    text += `        self._${stubVariable(service)} = ${stubVariable(service)}\n`;
  }
  for (const method of section.methods) text += `\n${renderMethod(method, uses)}`;
  return text;
}

function renderClient(model: ClientModel, uses: Uses): string {
  let text = "class Client:\n";
  text += docstring(
    [
      "A client of the sidecar's runtime API over one ``grpc.Channel``: an attribute per section.",
      "",
      "``layer8.connect()`` makes one; ``Client(channel)`` wraps a channel made some other way.",
      "Closing the client closes its channel; ``with Client(...) as client:`` closes it on exit.",
    ],
    "    ",
  );
  text += "\n";
  for (const section of model.sections) {
    text += `    ${safeName(section.names.snake)}: ${sectionClass(section)}\n`;
    text += docstring([section.summary], "    ");
  }
  text += "\n    def __init__(self, channel: grpc.Channel) -> None:\n";
  text += "        self.channel = channel\n";
  for (const service of model.services) {
    text += `        ${stubVariable(service)} = ${uses.stub(service)}(channel)\n`;
  }
  for (const section of model.sections) {
    const stubs = servicesOf(section, model).map(stubVariable).join(", ");
    text += `        self.${safeName(section.names.snake)} = ${sectionClass(section)}(${stubs})\n`;
  }
  text += `
    def close(self) -> None:
        """Closes the channel; calls still running are cancelled."""
        self.channel.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
`;
  return text;
}

/**
 * `client.py`: a `Client` with one attribute per section, each section a class whose methods
 * call grpcio's standard stub through the SDK's call helpers (deadlines, metadata, errors and
 * cancellable streams live there, written once by hand, not in every method).
 */
export function renderClientModule(model: ClientModel, options: PythonClientOptions): string {
  const uses = new Uses(options.modules);
  for (const service of model.services) uses.service(service);
  for (const section of model.sections) for (const method of section.methods) uses.method(method);

  const classes = [
    ...model.sections.map((section) => renderSection(section, model, uses)),
    renderClient(model, uses),
  ];
  const exported = ["Client", ...model.sections.map(sectionClass)].sort();
  const sources = [...new Set(model.services.map((s) => s.file.proto.name))].sort();
  return [
    "# Code generated by protoc-gen-layer8-client (lang=python). DO NOT EDIT.",
    `# Source: ${sources.join(", ")}`,
    docstring(
      [
        "The client of the runtime API: one section per building block, one method per rpc.",
        "",
        "Every method takes the rpc's request message and keyword-only ``timeout`` (seconds) and",
        "``metadata``. Unary rpcs return the reply (``None`` for ``google.protobuf.Empty``);",
        "server streams return a ``ResponseStream``, an iterator of replies that can be cancelled;",
        "client streams take any iterable of requests (a generator streams lazily); bidi streams",
        "take an iterable and return a ``ResponseStream``. Failures raise ``Layer8Error``.",
      ],
      "",
    ),
    uses.imports(options.runtimeModule),
    pythonList("__all__", exported),
    "",
    ...classes.map((c) => `\n${c}`),
  ].join("\n");
}
