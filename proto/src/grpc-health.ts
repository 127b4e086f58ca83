// Generated from grpc/health/v1 by `pnpm generate` (protoc-gen-es); never edit src/gen.
export * from "./gen/grpc/health/v1/health_pb.js";
