import { create, createFileRegistry } from "@bufbuild/protobuf";
import type { GenService } from "@bufbuild/protobuf/codegenv2";
import {
  type BytesValueSchema,
  FileDescriptorProtoSchema,
  file_google_protobuf_wrappers,
} from "@bufbuild/protobuf/wkt";

// `service Echo { rpc Echo(BytesValue) returns (BytesValue); }`, described in code: a payload
// of any size in and the same back, for a connect client of the echo server. No .proto to
// generate from: the echo server never decodes the message, only its frame.
const registry = createFileRegistry(
  create(FileDescriptorProtoSchema, {
    name: "layer8/bench/echo.proto",
    package: "layer8.bench",
    dependency: ["google/protobuf/wrappers.proto"],
    syntax: "proto3",
    service: [
      {
        name: "Echo",
        method: [
          {
            name: "Echo",
            inputType: ".google.protobuf.BytesValue",
            outputType: ".google.protobuf.BytesValue",
          },
        ],
      },
    ],
  }),
  (file) => (file === "google/protobuf/wrappers.proto" ? file_google_protobuf_wrappers : undefined),
);

const service = registry.getService("layer8.bench.Echo");
if (!service) throw new Error("layer8.bench.Echo is missing from its own descriptor");

/** `layer8.bench.Echo`, typed as generated code would type it. */
export const EchoService = service as unknown as GenService<{
  echo: { methodKind: "unary"; input: typeof BytesValueSchema; output: typeof BytesValueSchema };
}>;
