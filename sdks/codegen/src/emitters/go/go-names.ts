import type { DescFile, DescMessage, DescService } from "@bufbuild/protobuf";
import { Code, Layer8Error } from "@layer8/core";

const isLower = (c: string) => c >= "a" && c <= "z";
const isDigit = (c: string) => c >= "0" && c <= "9";

/**
 * A proto name as protoc-gen-go and protoc-gen-go-grpc spell it in Go, so that the client calls
 * the stubs by their real names: each word starts upper-case, `_x` and `.x` join words, other
 * dots become `_` (nested types: `Outer.Inner` -> `Outer_Inner`), and a leading `_` becomes `X`.
 */
export function goCamelCase(name: string): string {
  let out = "";
  for (let i = 0; i < name.length; i++) {
    const c = name[i]!;
    const next = name[i + 1] ?? "";
    if (c === "." && isLower(next)) continue;
    if (c === ".") {
      out += "_";
    } else if (c === "_" && (i === 0 || name[i - 1] === ".")) {
      out += "X";
    } else if (c === "_" && isLower(next)) {
      // the next letter starts a word and is capitalized below
    } else if (isDigit(c)) {
      out += c;
    } else {
      out += c.toUpperCase();
      while (i + 1 < name.length && isLower(name[i + 1]!)) out += name[++i];
    }
  }
  return out;
}

/** An import of the generated file: its path and the name the code refers to it by. */
export interface GoPackage {
  readonly path: string;
  readonly name: string;
}

/** protoc-gen-go's rule for a package name not given after `;`: the path's last element. */
function packageNameOf(path: string): string {
  const last = path.slice(path.lastIndexOf("/") + 1);
  const name = last.replace(/[^A-Za-z0-9_]/g, "_");
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

/** Parses a `go_package` value, `import/path` or `import/path;name`. */
export function parseGoPackage(value: string): GoPackage {
  const at = value.indexOf(";");
  const path = at < 0 ? value : value.slice(0, at);
  return { path, name: at < 0 ? packageNameOf(path) : value.slice(at + 1) };
}

/**
 * Where the standard stubs of a .proto file live: its `go_package` (buf's managed mode sets it
 * for files that lack one), else the emitter's `stubs_go_package` option.
 */
export function stubsPackageOf(file: DescFile, fallback: string | undefined): GoPackage {
  const own = file.proto.options?.goPackage;
  if (own) return parseGoPackage(own);
  if (fallback) return parseGoPackage(fallback);
  throw new Layer8Error(
    Code.InvalidArgument,
    `codegen: ${file.proto.name} sets no go_package: set it with buf's managed mode (go_package override) or pass the option stubs_go_package=<import path of its protoc-gen-go package>`,
  );
}

/** A message's Go type name within its package, e.g. `GetStateRequest` or `Outer_Inner`. */
export function goMessageName(message: DescMessage): string {
  const pkg = message.file.proto.package;
  const local = pkg ? message.typeName.slice(pkg.length + 1) : message.typeName;
  return goCamelCase(local);
}

/** The Go name protoc-gen-go-grpc gives a service: `Runtime` -> `RuntimeClient`, `NewRuntimeClient`. */
export function goServiceName(service: DescService): string {
  return goCamelCase(service.name);
}
