import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { create, fromBinary } from "@bufbuild/protobuf";
import { CodeGeneratorRequestSchema, FileDescriptorSetSchema } from "@bufbuild/protobuf/wkt";
import { Code, Layer8Error } from "@layer8/core";
import { describe, expect, it } from "vitest";
import { plugin } from "../src/plugin.js";
import { bufBinary } from "./load-protos.js";

const fixture = join(dirname(fileURLToPath(import.meta.url)), "fixture");
const protoFile = fromBinary(
  FileDescriptorSetSchema,
  execFileSync(bufBinary(), ["build", "--as-file-descriptor-set", "-o", "-"], { cwd: fixture }),
).file;

/** Runs the plugin in-process, as protoc would, with `parameter` as the option string. */
function run(parameter: string) {
  return plugin.run(
    create(CodeGeneratorRequestSchema, {
      parameter,
      protoFile,
      fileToGenerate: [
        "spec/proto/runtime/v1/appcallback.proto",
        "spec/proto/runtime/v1/runtime.proto",
      ],
    }),
  );
}

function failure(parameter: string): Layer8Error {
  try {
    run(parameter);
  } catch (error) {
    expect(error).toBeInstanceOf(Layer8Error);
    return error as Layer8Error;
  }
  throw new Error(`plugin accepted '${parameter}'`);
}

describe("protoc-gen-layer8-client's options", () => {
  it("requires lang, naming the languages it writes", () => {
    const error = failure("");
    expect(error.code).toBe(Code.InvalidArgument);
    expect(error.rawMessage).toMatch(/'lang' is required: one of ts, go, java, python/);
  });

  it("refuses a language it does not write", () => {
    expect(failure("lang=rust").rawMessage).toMatch(/lang=rust is not a language/);
  });

  it("refuses an option the language does not read, naming those it does", () => {
    const error = failure("lang=ts,import_form=a:b");
    expect(error.rawMessage).toContain("option 'import_form' is not known for lang=ts");
    expect(error.rawMessage).toContain("known: import_from");
  });

  it("refuses a malformed option value", () => {
    expect(failure("lang=ts,import_from=@layer8/proto").rawMessage).toMatch(
      /import_from '@layer8\/proto' is not '<proto package>:<module>'/,
    );
  });

  it("writes the files of the selected language, with the options it was given", () => {
    const response = run("lang=ts,import_from=spec.proto.runtime.v1:@layer8/proto");
    expect(response.file.map((f) => f.name)).toEqual(["layer8_sections.ts"]);
    expect(response.file[0]!.content).toContain('} from "@layer8/proto";');
    expect(response.file[0]!.content).not.toContain("_pb.js");
  });
});
