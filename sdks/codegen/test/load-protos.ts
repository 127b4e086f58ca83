import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { createFileRegistry, type DescFile, fromBinary } from "@bufbuild/protobuf";
import { FileDescriptorSetSchema } from "@bufbuild/protobuf/wkt";

/** The buf binary @layer8/codegen depends on. */
export function bufBinary(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("@bufbuild/buf/package.json")), "bin/buf");
}

/**
 * Compiles the .proto files under `dir` with buf (comments included) and returns their
 * descriptors, as the plugin receives them: the files of `dir` only, not their imports.
 */
export function loadProtos(dir: string, paths: readonly string[] = []): DescFile[] {
  const image = execFileSync(
    bufBinary(),
    ["build", "--as-file-descriptor-set", "-o", "-", ...paths.flatMap((p) => ["--path", p])],
    { cwd: dir, maxBuffer: 64 * 1024 * 1024 },
  );
  const set = fromBinary(FileDescriptorSetSchema, image);
  const registry = createFileRegistry(set);
  const ownNames = new Set(
    set.file.map((f) => f.name).filter((name) => !name.startsWith("google/protobuf/")),
  );
  return [...ownNames].map((name) => registry.getFile(name)!);
}
