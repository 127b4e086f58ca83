import type { DescFile, DescMessage, DescMethod, DescService } from "@bufbuild/protobuf";
import { getComments } from "@bufbuild/protoplugin";
import { Code, Layer8Error } from "@layer8/core";
import { BLOCKS, CALLBACK_SERVICES } from "./blocks.js";
import { type Names, namesOf } from "./names.js";

/**
 * How requests and replies flow, in the words every emitter maps to its language's idiom:
 * a promise or plain call, a stream of replies, a stream of requests, or both at once.
 */
export type StreamingKind = "unary" | "server-streaming" | "client-streaming" | "bidi";

/** One rpc as a method of a client section. */
export interface ClientMethod {
  /** The rpc's name in the proto, e.g. `GetState`. */
  readonly rpc: string;
  /** The rpc's names re-cased, for calling the language's standard stubs (`getState`, `get_state`). */
  readonly rpcNames: Names;
  /** The method's name in its section, e.g. `get` for `GetState` in `state`. */
  readonly names: Names;
  /** `spec.proto.runtime.v1.Runtime.GetState`. */
  readonly fullName: string;
  /** `/spec.proto.runtime.v1.Runtime/GetState`: the gRPC path. */
  readonly path: string;
  readonly kind: StreamingKind;
  readonly input: DescMessage;
  readonly output: DescMessage;
  /** The rpc's leading comment, trimmed, or `undefined` when it has none. */
  readonly comment: string | undefined;
  readonly deprecated: boolean;
  /** The service the rpc belongs to (a section may one day gather rpcs of several). */
  readonly service: DescService;
  readonly descriptor: DescMethod;
}

/** A group of methods on the one client: a building block, or a fallback for unmapped rpcs. */
export interface ClientSection {
  /** `state`, `pubsub`, ... or, for a fallback section, the service's name (`runtime`). */
  readonly names: Names;
  /** `block` for a section of the table in blocks.ts; `fallback` for a service's unmapped rpcs. */
  readonly origin: "block" | "fallback";
  /** One line for the section's doc comment. */
  readonly summary: string;
  /** In the table's order for blocks, in the proto's order for fallback sections. */
  readonly methods: readonly ClientMethod[];
}

/** A service the application implements and the sidecar calls (e.g. `AppCallback`). */
export interface CallbackService {
  readonly names: Names;
  /** `spec.proto.runtime.v1.AppCallback`. */
  readonly typeName: string;
  readonly comment: string | undefined;
  /** Each rpc, named after itself (`names` equals `rpcNames`). */
  readonly methods: readonly ClientMethod[];
  readonly descriptor: DescService;
}

/** Everything an emitter needs, in proto order where order is not set by the block table. */
export interface ClientModel {
  /**
   * Block sections first (in blocks.ts order, only those with at least one rpc), then the
   * fallback sections, by file name and then service order in the file.
   */
  readonly sections: readonly ClientSection[];
  readonly callbacks: readonly CallbackService[];
  /** Services whose rpcs are in `sections`, in proto order. */
  readonly services: readonly DescService[];
  /** The .proto files generation was asked for, in request order. */
  readonly files: readonly DescFile[];
}

const KIND: Record<DescMethod["methodKind"], StreamingKind> = {
  unary: "unary",
  server_streaming: "server-streaming",
  client_streaming: "client-streaming",
  bidi_streaming: "bidi",
};

function commentOf(desc: DescMethod | DescService): string | undefined {
  const text = getComments(desc).leading?.trim();
  return text === undefined || text === "" ? undefined : text;
}

function toMethod(method: DescMethod, nameInSection: string): ClientMethod {
  return {
    rpc: method.name,
    rpcNames: namesOf(method.name),
    names: namesOf(nameInSection),
    fullName: `${method.parent.typeName}.${method.name}`,
    path: `/${method.parent.typeName}/${method.name}`,
    kind: KIND[method.methodKind],
    input: method.input,
    output: method.output,
    comment: commentOf(method),
    deprecated: method.deprecated,
    service: method.parent,
    descriptor: method,
  };
}

/**
 * Builds the language-neutral model from the files protoc asked to generate: every rpc of every
 * service lands in exactly one section, and two rpcs never share a name in one section.
 */
export function buildModel(files: readonly DescFile[]): ClientModel {
  const blockMethods = new Map<string, ClientMethod[]>(BLOCKS.map((b) => [b.name, []]));
  const fallbacks: ClientSection[] = [];
  const callbacks: CallbackService[] = [];
  const services: DescService[] = [];
  // By file name, not request order, so that the output does not depend on how buf lists files.
  const sorted = [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const file of sorted) {
    for (const service of file.services) {
      if (CALLBACK_SERVICES.includes(service.name)) {
        callbacks.push({
          names: namesOf(service.name),
          typeName: service.typeName,
          comment: commentOf(service),
          methods: service.methods.map((m) => toMethod(m, m.name)),
          descriptor: service,
        });
        continue;
      }
      services.push(service);
      const unmapped: ClientMethod[] = [];
      for (const method of service.methods) {
        const key = `${service.name}.${method.name}`;
        const block = BLOCKS.find((b) => key in b.rpcs);
        if (block) blockMethods.get(block.name)!.push(toMethod(method, block.rpcs[key]!));
        else unmapped.push(toMethod(method, method.name));
      }
      if (unmapped.length > 0) {
        fallbacks.push({
          names: namesOf(service.name),
          origin: "fallback",
          summary: `Other rpcs of ${service.typeName}.`,
          methods: unmapped,
        });
      }
    }
  }
  const sections: ClientSection[] = [];
  for (const block of BLOCKS) {
    const methods = blockMethods.get(block.name)!;
    if (methods.length === 0) continue;
    // The table's order, not the proto's, so sections read get/save/delete whatever the proto says.
    const order = Object.keys(block.rpcs);
    methods.sort(
      (a, b) =>
        order.indexOf(`${a.service.name}.${a.rpc}`) - order.indexOf(`${b.service.name}.${b.rpc}`),
    );
    sections.push({ names: namesOf(block.name), origin: "block", summary: block.summary, methods });
  }
  sections.push(...fallbacks);
  assertUniqueNames(sections);
  return { sections, callbacks, services, files };
}

function assertUniqueNames(sections: readonly ClientSection[]): void {
  const seenSections = new Set<string>();
  for (const section of sections) {
    if (seenSections.has(section.names.camel)) {
      throw new Layer8Error(
        Code.InvalidArgument,
        `codegen: two client sections are named '${section.names.camel}' (a service named like a block?): rename the service or map its rpcs in blocks.ts`,
      );
    }
    seenSections.add(section.names.camel);
    const seen = new Map<string, string>();
    for (const method of section.methods) {
      const other = seen.get(method.names.camel);
      if (other !== undefined) {
        throw new Layer8Error(
          Code.InvalidArgument,
          `codegen: rpcs ${other} and ${method.fullName} would both be '${section.names.camel}.${method.names.camel}': give one another name in blocks.ts`,
        );
      }
      seen.set(method.names.camel, method.fullName);
    }
  }
}
