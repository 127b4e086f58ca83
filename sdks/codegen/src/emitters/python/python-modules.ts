import type { DescEnum, DescFile, DescMessage, DescService } from "@bufbuild/protobuf";

/**
 * Where grpcio-tools' stubs of a .proto file live, as Python modules. protoc names a module after
 * the file's path (`spec/proto/runtime/v1/runtime.proto` -> `spec.proto.runtime.v1.runtime_pb2`,
 * services in `..._pb2_grpc`); an SDK that installs the stubs below a package of its own
 * (`stubs_package=layer8._gen`) moves every file whose top-level directory is one of the
 * generated files', and leaves the rest (`google.protobuf.empty_pb2`) where protobuf has them.
 */
export class StubModules {
  private readonly movedRoots: ReadonlySet<string>;

  constructor(
    generatedFiles: readonly DescFile[],
    private readonly stubsPackage: string | undefined,
  ) {
    this.movedRoots = new Set(generatedFiles.map((file) => topDirectory(file.proto.name)));
  }

  /** `layer8._gen.spec.proto.runtime.v1.runtime_pb2` for the messages of `file`. */
  messages(file: DescFile): string {
    return this.qualify(file, "_pb2");
  }

  /** `layer8._gen.spec.proto.runtime.v1.runtime_pb2_grpc` for the services of `file`. */
  services(file: DescFile): string {
    return this.qualify(file, "_pb2_grpc");
  }

  private qualify(file: DescFile, suffix: string): string {
    const path = file.proto.name.replace(/\.proto$/, "");
    const slash = path.lastIndexOf("/");
    // protoc turns '-' into '_' in the module's own name, not in its package path.
    const module = `${path.slice(0, slash + 1).replace(/\//g, ".")}${path.slice(slash + 1).replace(/-/g, "_")}${suffix}`;
    const moved = this.stubsPackage && this.movedRoots.has(topDirectory(file.proto.name));
    return moved ? `${this.stubsPackage}.${module}` : module;
  }
}

function topDirectory(path: string): string {
  const slash = path.indexOf("/");
  return slash < 0 ? "" : path.slice(0, slash);
}

/** The class path inside its module: `StateOptions.StateConsistency` for a nested type. */
export function classPath(type: DescMessage | DescEnum): string {
  const pkg = type.file.proto.package;
  return pkg === "" ? type.typeName : type.typeName.slice(pkg.length + 1);
}

/** The class grpcio-tools generates for calling `service`: `RuntimeStub`. */
export function stubClass(service: DescService): string {
  return `${service.name}Stub`;
}

/**
 * Import aliases for modules: the module's last name (`runtime_pb2`), or more of its path when two
 * modules would share one (`v1_runtime_pb2`, `v2_runtime_pb2`), so signatures stay short.
 */
export class ModuleAliases {
  private readonly modules = new Set<string>();

  use(module: string): void {
    this.modules.add(module);
  }

  /** Every module used, with its alias, sorted by module. */
  resolve(): Map<string, string> {
    const modules = [...this.modules].sort();
    const aliases = new Map<string, string>();
    for (const module of modules) {
      const parts = module.split(".");
      for (let depth = 1; depth <= parts.length; depth++) {
        const alias = parts.slice(-depth).join("_");
        const clash = modules.some(
          (other) => other !== module && other.split(".").slice(-depth).join("_") === alias,
        );
        if (!clash || depth === parts.length) {
          aliases.set(module, alias);
          break;
        }
      }
    }
    return aliases;
  }
}
