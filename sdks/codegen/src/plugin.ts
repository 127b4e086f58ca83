import { create, createFileRegistry, type DescFile, protoInt64 } from "@bufbuild/protobuf";
import {
  type CodeGeneratorRequest,
  CodeGeneratorResponse_Feature,
  CodeGeneratorResponseSchema,
  FileDescriptorSetSchema,
} from "@bufbuild/protobuf/wkt";
import type { Plugin } from "@bufbuild/protoplugin";
import { Code, Layer8Error } from "@layer8/core";
import { EMITTERS } from "./emitters/index.js";
import { buildModel } from "./model.js";
import { checkOptions, parseParameter } from "./options.js";
import { VERSION } from "./version.js";

/**
 * `protoc-gen-layer8-client`: reads the services of the files protoc (or buf) asks for, builds
 * the language-neutral model once, and hands it to the emitter that `lang=` names.
 */
export const plugin: Plugin = {
  name: "protoc-gen-layer8-client",
  version: `v${VERSION}`,
  run(request: CodeGeneratorRequest) {
    const { lang, values } = parseParameter(request.parameter);
    const langs = EMITTERS.map((e) => e.lang).join(", ");
    if (lang === undefined || lang === "") {
      throw new Layer8Error(
        Code.InvalidArgument,
        `codegen: option 'lang' is required: one of ${langs}`,
      );
    }
    const emitter = EMITTERS.find((e) => e.lang === lang);
    if (emitter === undefined) {
      throw new Layer8Error(
        Code.InvalidArgument,
        `codegen: lang=${lang} is not a language this plugin writes: one of ${langs}`,
      );
    }
    const options = checkOptions(lang, emitter.options, values);
    const model = buildModel(filesToGenerate(request));
    return create(CodeGeneratorResponseSchema, {
      supportedFeatures: protoInt64.parse(CodeGeneratorResponse_Feature.PROTO3_OPTIONAL),
      file: emitter.emit(model, options).map((f) => ({ name: f.name, content: f.content })),
    });
  },
};

function filesToGenerate(request: CodeGeneratorRequest): DescFile[] {
  const registry = createFileRegistry(create(FileDescriptorSetSchema, { file: request.protoFile }));
  return request.fileToGenerate.map((name) => {
    const file = registry.getFile(name);
    if (file === undefined) {
      throw new Layer8Error(
        Code.InvalidArgument,
        `codegen: the request lacks the descriptor of ${name}`,
      );
    }
    return file;
  });
}
