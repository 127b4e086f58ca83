import type { DescService } from "@bufbuild/protobuf";
import type { GeneratedFile } from "../../emitter.js";
import type { ClientMethod, ClientSection } from "../../model.js";
import { namesOf } from "../../names.js";
import { docText, javadoc } from "./java-doc.js";
import { JavaImports } from "./java-imports.js";
import {
  grpcMethodName,
  grpcServiceClass,
  javaIdentifier,
  javaMessageClass,
  javaMethodName,
} from "./java-names.js";

/** What every file of the Java client shares. */
export interface JavaFileContext {
  /** The package of the client, e.g. `dev.layer8.sdk`. */
  readonly packageName: string;
  /** The generated-code comment that starts each file. */
  readonly header: string;
  /** The simple names of every class of the client package (generated and hand-written). */
  readonly ownClasses: readonly string[];
}

/** The hand-written classes of the SDK that generated code calls (see sdks/java/src/main/java). */
export const RUNTIME_CLASSES = ["BidiStream", "Calls", "Layer8Exception", "ResponseStream"];

/** `StateClient` for the `state` section. */
export function sectionClassName(section: ClientSection): string {
  return `${section.names.pascal}Client`;
}

/** Layer8Client's own methods, which no section accessor may take. */
const CLIENT_METHODS = new Set(["builder", "channel", "close"]);

/** `state` for `client.state()`. */
export function sectionAccessor(section: ClientSection): string {
  const camel = section.names.camel;
  return CLIENT_METHODS.has(camel) ? `${camel}_` : javaMethodName(camel);
}

/** The stubs a section holds per service: blocking for unary rpcs, async for streaming ones. */
interface StubFields {
  readonly service: DescService;
  readonly blocking: string | undefined;
  readonly async: string | undefined;
}

function stubFields(section: ClientSection): StubFields[] {
  const services: DescService[] = [];
  for (const method of section.methods) {
    if (!services.includes(method.service)) services.push(method.service);
  }
  return services.map((service) => {
    const methods = section.methods.filter((m) => m.service === service);
    const field = javaIdentifier(namesOf(service.name).camel);
    return {
      service,
      blocking: methods.some((m) => m.kind === "unary") ? field : undefined,
      async: methods.some((m) => m.kind !== "unary") ? `${field}Async` : undefined,
    };
  });
}

const EMPTY = "google.protobuf.Empty";

function methodDoc(method: ClientMethod, extra: string): string {
  const paragraphs = [
    method.comment ? docText(method.comment) : `Calls the ${method.rpc} rpc.`,
    `<p>rpc {@code ${method.path}}${extra}`,
    "@throws Layer8Exception with the status code and message of the sidecar's error",
  ];
  return javadoc("  ", paragraphs);
}

function renderMethod(method: ClientMethod, stubs: StubFields[], imports: JavaImports): string {
  const fields = stubs.find((s) => s.service === method.service)!;
  const name = javaMethodName(method.names.camel);
  const call = grpcMethodName(method.rpc);
  const input = imports.use(javaMessageClass(method.input));
  const returnsNothing =
    method.output.typeName === EMPTY &&
    method.kind !== "server-streaming" &&
    method.kind !== "bidi";
  const output = returnsNothing ? "void" : imports.use(javaMessageClass(method.output));
  const deprecated = method.deprecated ? "  @Deprecated\n" : "";
  const giveBack = returnsNothing ? "" : "return ";
  switch (method.kind) {
    case "unary":
      return `${methodDoc(method, ".")}${deprecated}  public ${output} ${name}(${input} request) {\n    ${giveBack}Calls.unary(() -> ${fields.blocking}.${call}(request));\n  }\n`;
    case "server-streaming":
      return `${methodDoc(method, ": the responses, read as a blocking iterator; close it to stop early.")}${deprecated}  public ResponseStream<${output}> ${name}(${input} request) {\n    return Calls.serverStreaming(${fields.async}::${call}, request);\n  }\n`;
    case "client-streaming": {
      const iterator = imports.use("java.util.Iterator");
      const doc = methodDoc(
        method,
        ": sends the requests in order, each when the transport can take it, then waits for the reply.",
      );
      const overloadDoc = javadoc("  ", [
        `Like {@link #${name}(${iterator})}, for the requests of an Iterable (a List, ...).`,
        "@throws Layer8Exception with the status code and message of the sidecar's error",
      ]);
      return `${doc}${deprecated}  public ${output} ${name}(${iterator}<? extends ${input}> requests) {\n    ${giveBack}Calls.clientStreaming(${fields.async}::${call}, requests);\n  }\n\n${overloadDoc}${deprecated}  public ${output} ${name}(Iterable<? extends ${input}> requests) {\n    ${giveBack}${name}(requests.iterator());\n  }\n`;
    }
    case "bidi":
      return `${methodDoc(method, ": send requests and read responses on the returned stream; close it to end the call.")}${deprecated}  public BidiStream<${input}, ${output}> ${name}() {\n    return Calls.bidi(${fields.async}::${call});\n  }\n`;
  }
}

/** One section's class: a method per rpc, over the grpc-java stubs of the section's services. */
export function renderSection(section: ClientSection, context: JavaFileContext): GeneratedFile {
  const className = sectionClassName(section);
  const imports = new JavaImports(context.packageName, context.ownClasses);
  const stubs = stubFields(section);
  const channel = imports.use("io.grpc.Channel");
  const methods = section.methods.map((m) => renderMethod(m, stubs, imports));

  const fieldLines: string[] = [];
  const initLines: string[] = [];
  for (const stub of stubs) {
    const grpc = imports.use(grpcServiceClass(stub.service));
    if (stub.blocking) {
      fieldLines.push(`  private final ${grpc}.${stub.service.name}BlockingStub ${stub.blocking};`);
      initLines.push(`    this.${stub.blocking} = ${grpc}.newBlockingStub(channel);`);
    }
    if (stub.async) {
      fieldLines.push(`  private final ${grpc}.${stub.service.name}Stub ${stub.async};`);
      initLines.push(`    this.${stub.async} = ${grpc}.newStub(channel);`);
    }
  }

  const accessor = sectionAccessor(section);
  const classDoc = javadoc("", [
    `${docText(section.summary)} Reached as {@code client.${accessor}()} of a {@link Layer8Client}.`,
  ]);
  const body = [
    `public final class ${className} {`,
    ...fieldLines,
    "",
    `  ${className}(${channel} channel) {`,
    ...initLines,
    "  }",
    "",
    methods.join("\n").trimEnd(),
    "}",
  ].join("\n");
  const content = `${context.header}package ${context.packageName};\n\n${imports.lines().join("\n")}\n\n${classDoc}${body}\n`;
  return { name: `${context.packageName.replace(/\./g, "/")}/${className}.java`, content };
}
