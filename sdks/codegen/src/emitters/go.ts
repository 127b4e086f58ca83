import type { DescService } from "@bufbuild/protobuf";
import { Code, Layer8Error } from "@layer8/core";
import type { Emitter, EmitterOptions, GeneratedFile } from "../emitter.js";
import type { ClientModel, ClientSection } from "../model.js";
import { GoImports } from "./go/go-imports.js";
import { goMethod } from "./go/go-methods.js";
import { goServiceName, stubsPackageOf } from "./go/go-names.js";

// Go's reserved words: no name the generator makes up may be one.
const GO_KEYWORDS = new Set(
  `break case chan const continue default defer else fallthrough for func go goto if import
  interface map package range return select struct switch type var`.split(/\s+/),
);

/** The field of a section holding a service's stub: `runtime` for `Runtime`. */
function stubField(service: DescService): string {
  const name = goServiceName(service);
  const field = name.charAt(0).toLowerCase() + name.slice(1);
  return GO_KEYWORDS.has(field) ? `${field}Stub` : field;
}

/** The services a section's methods call, in the order of first use. */
function servicesOf(section: ClientSection): DescService[] {
  return [...new Set(section.methods.map((m) => m.service))];
}

/** Struct fields as gofmt aligns consecutive ones: names padded to the longest. */
function fields(rows: readonly [string, string][]): string {
  const width = Math.max(...rows.map(([name]) => name.length));
  return rows.map(([name, type]) => `\t${name.padEnd(width)} ${type}\n`).join("");
}

function sectionCode(section: ClientSection, options: EmitOptions, imports: GoImports): string {
  const typeName = `${section.names.pascal}Section`;
  const stubs = servicesOf(section).map((service) => {
    const pkg = imports.use(stubsPackageOf(service.file, options.stubsFallback));
    return [stubField(service), `${pkg}.${goServiceName(service)}Client`] as [string, string];
  });
  const methods = section.methods.map((method) =>
    goMethod(method, {
      imports,
      stubsFallback: options.stubsFallback,
      receiverType: typeName,
      stubField: stubField(method.service),
    }),
  );
  return `// ${typeName} holds the client's ${section.names.camel} rpcs. ${section.summary}
type ${typeName} struct {
${fields(stubs)}}

${methods.join("\n")}`;
}

function clientCode(model: ClientModel, options: EmitOptions, imports: GoImports): string {
  const grpc = imports.use({ path: "google.golang.org/grpc", name: "grpc" });
  const services = [...new Set(model.sections.flatMap(servicesOf))];
  const sectionFields = model.sections
    .map(
      (s) =>
        `\t// ${s.names.pascal} is the ${s.names.camel} section. ${s.summary}\n\t${s.names.pascal} *${s.names.pascal}Section\n`,
    )
    .join("\n");
  const stubs = services
    .map((service) => {
      const pkg = imports.use(stubsPackageOf(service.file, options.stubsFallback));
      return `\t${stubField(service)} := ${pkg}.New${goServiceName(service)}Client(conn)\n`;
    })
    .join("");
  const assignments = model.sections
    .map((s) => {
      const inits = servicesOf(s)
        .map((service) => `${stubField(service)}: ${stubField(service)}`)
        .join(", ");
      return `\tc.${s.names.pascal} = &${s.names.pascal}Section{${inits}}\n`;
    })
    .join("");
  return `// Client calls a Layer8 sidecar: one field per building block, each with a method per rpc,
// e.g. client.${model.sections[0]?.names.pascal ?? "Section"}.${model.sections[0]?.methods[0]?.names.pascal ?? "Method"}(ctx, req).
// Failed calls return an *Error carrying the gRPC status code.
type Client struct {
\tconn ${grpc}.ClientConnInterface

${sectionFields}}

// NewClient returns a Client that calls the sidecar over conn, which its sections share. Dial
// opens the connection and the Client in one step.
func NewClient(conn ${grpc}.ClientConnInterface) *Client {
${stubs}\tc := &Client{conn: conn}
${assignments}\treturn c
}
`;
}

interface EmitOptions {
  readonly packageName: string;
  readonly stubsFallback: string | undefined;
  readonly fileName: string;
}

function readOptions(options: EmitterOptions): EmitOptions {
  const packageName = options.get("package") ?? "layer8";
  if (!/^[a-z][a-z0-9_]*$/.test(packageName) || GO_KEYWORDS.has(packageName)) {
    throw new Layer8Error(
      Code.InvalidArgument,
      `codegen: option package=${packageName} is not a Go package name: use lower-case letters, digits and '_'`,
    );
  }
  const fileName = options.get("file") ?? "client.gen.go";
  if (!fileName.endsWith(".go") || fileName.endsWith("_test.go")) {
    throw new Layer8Error(
      Code.InvalidArgument,
      `codegen: option file=${fileName} must name a .go file that is not a test`,
    );
  }
  return { packageName, stubsFallback: options.get("stubs_go_package"), fileName };
}

/**
 * The Go client: one `Client` with a field per section, a method per rpc taking the stub's
 * request message (int64 fields stay int64), server streams as iter.Seq2, client streams as a
 * send function, bidi streams as a Stream. It calls the stubs of protoc-gen-go-grpc and leans on
 * a small hand-written runtime in the same package (Error, Stream and the stream helpers), so
 * the generated code stays thin and every rpc behaves alike.
 */
export const goEmitter: Emitter = {
  lang: "go",
  options: [
    {
      name: "package",
      description: "the Go package name of the generated client (default layer8)",
    },
    {
      name: "stubs_go_package",
      description:
        "the Go import path of the protoc-gen-go/protoc-gen-go-grpc package, for .proto files that set no go_package (buf's managed mode sets it)",
    },
    {
      name: "file",
      description:
        "the generated file's name under the plugin's out directory (default client.gen.go)",
    },
  ],
  emit(model: ClientModel, options: EmitterOptions): GeneratedFile[] {
    const opts = readOptions(options);
    const imports = new GoImports();
    const client = clientCode(model, opts, imports);
    const sections = model.sections.map((section) => sectionCode(section, opts, imports));
    const sources = model.files.map((f) => f.proto.name).join(", ");
    const content = `// Code generated by protoc-gen-layer8-client. DO NOT EDIT.
// source: ${sources}

package ${opts.packageName}

${imports.render()}
${client}
${sections.join("\n")}`;
    return [{ name: opts.fileName, content }];
  },
};
