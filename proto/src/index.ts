// Generated from spec/proto/runtime/v1 by `pnpm generate` (protoc-gen-es); never edit src/gen.
export * from "./gen/spec/proto/runtime/v1/appcallback_pb.js";
export * from "./gen/spec/proto/runtime/v1/lifecycle_pb.js";
export * from "./gen/spec/proto/runtime/v1/runtime_pb.js";
