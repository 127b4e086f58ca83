import type { DescMessage } from "@bufbuild/protobuf";
import type { ClientMethod } from "../../model.js";
import type { GoImports } from "./go-imports.js";
import { goCamelCase, goMessageName, stubsPackageOf } from "./go-names.js";

/** What a method's code needs to know besides the method itself. */
export interface MethodContext {
  readonly imports: GoImports;
  /** The `stubs_go_package` option, for .proto files without a go_package. */
  readonly stubsFallback: string | undefined;
  /** The receiver's type, e.g. `StateSection`. */
  readonly receiverType: string;
  /** The receiver's field holding the stub of the method's service, e.g. `runtime`. */
  readonly stubField: string;
}

const isEmpty = (message: DescMessage) => message.typeName === "google.protobuf.Empty";

/** `runtimev1.GetStateRequest`: a message's type as the generated file refers to it. */
function typeOf(message: DescMessage, ctx: MethodContext): string {
  const pkg = ctx.imports.use(stubsPackageOf(message.file, ctx.stubsFallback));
  return `${pkg}.${goMessageName(message)}`;
}

/**
 * A doc comment in the shape gofmt keeps as it is: the method's name first, as Go's convention
 * wants, then the rpc's own comment (protoc keeps the space after `//`; one is dropped).
 */
function docComment(method: ClientMethod): string {
  const lines = [`${method.names.pascal} calls ${method.service.name}.${method.rpc}.`];
  if (method.comment) {
    for (const line of method.comment.split("\n")) lines.push(line.replace(/^ /, "").trimEnd());
  }
  if (method.deprecated) lines.push("", "Deprecated: the rpc is deprecated in the proto.");
  return lines.map((line) => (line === "" ? "//\n" : `// ${line}\n`)).join("");
}

/**
 * One method of a section, in the shape its streaming kind calls for: a plain call; an
 * iter.Seq2 of replies; a function that sends the requests; or a Stream to send and receive on.
 * The generic helpers it calls (callError, receiveAll, sendAll, openStream, Stream) are the
 * package's hand-written runtime, next to the generated file.
 */
export function goMethod(method: ClientMethod, ctx: MethodContext): string {
  const grpc = ctx.imports.use({ path: "google.golang.org/grpc", name: "grpc" });
  const context = ctx.imports.std("context");
  const inType = typeOf(method.input, ctx);
  const outType = typeOf(method.output, ctx);
  const stubMethod = goCamelCase(method.rpc);
  const call = `s.${ctx.stubField}.${stubMethod}`;
  const head = `func (s *${ctx.receiverType}) ${method.names.pascal}(ctx ${context}.Context`;
  const opts = `opts ...${grpc}.CallOption`;
  const rpc = JSON.stringify(method.rpc);
  const doc = docComment(method);

  switch (method.kind) {
    case "unary": {
      const params = isEmpty(method.input) ? `, ${opts})` : `, req *${inType}, ${opts})`;
      const arg = isEmpty(method.input) ? `&${inType}{}` : "req";
      if (isEmpty(method.output)) {
        return `${doc}${head}${params} error {
\tif _, err := ${call}(ctx, ${arg}, opts...); err != nil {
\t\treturn callError(${rpc}, err)
\t}
\treturn nil
}
`;
      }
      return `${doc}${head}${params} (*${outType}, error) {
\tres, err := ${call}(ctx, ${arg}, opts...)
\tif err != nil {
\t\treturn nil, callError(${rpc}, err)
\t}
\treturn res, nil
}
`;
    }
    case "server-streaming": {
      const iter = ctx.imports.std("iter");
      const params = isEmpty(method.input) ? `, ${opts})` : `, req *${inType}, ${opts})`;
      const arg = isEmpty(method.input) ? `&${inType}{}` : "req";
      return `${doc}${head}${params} ${iter}.Seq2[*${outType}, error] {
\treturn receiveAll(ctx, ${rpc}, func(ctx ${context}.Context) (${grpc}.ServerStreamingClient[${outType}], error) {
\t\treturn ${call}(ctx, ${arg}, opts...)
\t})
}
`;
    }
    case "client-streaming": {
      const produce = `produce func(send func(*${inType}) error) error`;
      const open = `func(ctx ${context}.Context) (${grpc}.ClientStreamingClient[${inType}, ${outType}], error) {
\t\treturn ${call}(ctx, opts...)
\t}`;
      if (isEmpty(method.output)) {
        return `${doc}${head}, ${produce}, ${opts}) error {
\t_, err := sendAll(ctx, ${rpc}, ${open}, produce)
\treturn err
}
`;
      }
      return `${doc}${head}, ${produce}, ${opts}) (*${outType}, error) {
\treturn sendAll(ctx, ${rpc}, ${open}, produce)
}
`;
    }
    case "bidi":
      return `${doc}${head}, ${opts}) (*Stream[${inType}, ${outType}], error) {
\treturn openStream(ctx, ${rpc}, func(ctx ${context}.Context) (${grpc}.BidiStreamingClient[${inType}, ${outType}], error) {
\t\treturn ${call}(ctx, opts...)
\t})
}
`;
  }
}
