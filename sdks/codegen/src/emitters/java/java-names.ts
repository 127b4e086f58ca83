import type { DescFile, DescMessage, DescService } from "@bufbuild/protobuf";

/** Java's reserved words, and the literals that cannot be identifiers either. */
const JAVA_RESERVED = new Set(
  (
    "abstract assert boolean break byte case catch char class const continue default do double " +
    "else enum extends final finally float for goto if implements import instanceof int " +
    "interface long native new package private protected public return short static strictfp " +
    "super switch synchronized this throw throws transient try void volatile while true false " +
    "null var yield record sealed permits"
  ).split(" "),
);

/** No-argument methods every object has: a generated method of the same name would clash. */
const OBJECT_METHODS = new Set([
  "clone",
  "finalize",
  "getClass",
  "hashCode",
  "notify",
  "notifyAll",
  "toString",
  "wait",
]);

/** An identifier that compiles: reserved words get a trailing underscore, as grpc-java does. */
export function javaIdentifier(name: string): string {
  return JAVA_RESERVED.has(name) ? `${name}_` : name;
}

/** A method name that compiles and overrides nothing of Object, even without arguments. */
export function javaMethodName(name: string): string {
  return OBJECT_METHODS.has(name) ? `${name}_` : javaIdentifier(name);
}

/**
 * The name grpc-java's stubs give an rpc: first letter lowered, underscores dropped with the next
 * letter raised, reserved words suffixed. (Not `Names.camel`: grpc-java keeps `HTTPGet` as
 * `hTTPGet`, and the stubs are what we call.)
 */
export function grpcMethodName(rpc: string): string {
  let out = rpc.charAt(0).toLowerCase();
  let raise = false;
  for (const char of rpc.slice(1)) {
    if (char === "_") raise = true;
    else {
      out += raise ? char.toUpperCase() : char;
      raise = false;
    }
  }
  return javaIdentifier(out);
}

/** The Java package protoc puts a file's classes in: `java_package`, else the proto package. */
export function javaPackageOf(file: DescFile): string {
  return file.proto.options?.javaPackage || file.proto.package;
}

/**
 * protoc's name for a file's outer class when `java_outer_classname` is unset: the file's base
 * name in PascalCase (a digit or any non-letter starts a new word), plus `OuterClass` when a type
 * of the file already has that name.
 */
function outerClassName(file: DescFile): string {
  const explicit = file.proto.options?.javaOuterClassname;
  if (explicit) return explicit;
  const base = file.proto.name.replace(/^.*\//, "").replace(/\.proto$/, "");
  let name = "";
  let raise = true;
  for (const char of base) {
    if (/[a-z]/.test(char)) {
      name += raise ? char.toUpperCase() : char;
      raise = false;
    } else if (/[A-Z]/.test(char)) {
      name += char;
      raise = false;
    } else if (/[0-9]/.test(char)) {
      name += char;
      raise = true;
    } else raise = true;
  }
  const taken = new Set<string>();
  const collect = (messages: readonly DescMessage[]) => {
    for (const message of messages) {
      taken.add(message.name);
      for (const nested of message.nestedEnums) taken.add(nested.name);
      collect(message.nestedMessages);
    }
  };
  collect(file.messages);
  for (const e of file.enums) taken.add(e.name);
  for (const s of file.services) taken.add(s.name);
  return taken.has(name) ? `${name}OuterClass` : name;
}

/** The fully qualified Java class of a message, as protoc's java generator names it. */
export function javaMessageClass(message: DescMessage): string {
  const file = message.file;
  const protoPackage = file.proto.package;
  const local = protoPackage ? message.typeName.slice(protoPackage.length + 1) : message.typeName;
  const javaPackage = javaPackageOf(file);
  const container = file.proto.options?.javaMultipleFiles
    ? javaPackage
    : [javaPackage, outerClassName(file)].filter(Boolean).join(".");
  return container ? `${container}.${local}` : local;
}

/** The fully qualified class grpc-java writes for a service: `<package>.<Service>Grpc`. */
export function grpcServiceClass(service: DescService): string {
  const javaPackage = javaPackageOf(service.file);
  return javaPackage ? `${javaPackage}.${service.name}Grpc` : `${service.name}Grpc`;
}
