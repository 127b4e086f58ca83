#!/usr/bin/env node
// The protoc plugin's entry point: buf or protoc pipe a CodeGeneratorRequest to stdin and read
// the CodeGeneratorResponse from stdout. Runs the compiled plugin, so build @layer8/codegen first.
import { runNodeJs } from "@bufbuild/protoplugin";
import { plugin } from "../dist/plugin.js";

runNodeJs(plugin);
