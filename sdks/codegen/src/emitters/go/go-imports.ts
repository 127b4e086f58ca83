import type { GoPackage } from "./go-names.js";

/**
 * The imports of one generated Go file, collected while its code is written: `use()` returns
 * the qualifier to write before a name, and `render()` writes the import block as gofmt and
 * goimports lay it out (standard library first, then the rest, each group sorted by path).
 */
export class GoImports {
  readonly #byPath = new Map<string, string>();

  /** Imports `pkg` (once) and returns the name the code refers to it by. */
  use(pkg: GoPackage): string {
    const known = this.#byPath.get(pkg.path);
    if (known !== undefined) return known;
    const taken = new Set(this.#byPath.values());
    let name = pkg.name;
    for (let n = 2; taken.has(name); n++) name = `${pkg.name}${n}`;
    this.#byPath.set(pkg.path, name);
    return name;
  }

  /** Imports a package by its path alone, named after its last element (`context`, `iter`). */
  std(path: string): string {
    return this.use({ path, name: path.slice(path.lastIndexOf("/") + 1) });
  }

  render(): string {
    const line = (path: string) => {
      const name = this.#byPath.get(path)!;
      const alias = name === path.slice(path.lastIndexOf("/") + 1) ? "" : `${name} `;
      return `\t${alias}"${path}"\n`;
    };
    const paths = [...this.#byPath.keys()].sort();
    // goimports' rule of thumb: a path whose first element has no dot is the standard library.
    const isStd = (path: string) => !path.split("/")[0]!.includes(".");
    const groups = [paths.filter(isStd), paths.filter((p) => !isStd(p))].filter((g) => g.length);
    if (groups.length === 0) return "";
    return `import (\n${groups.map((g) => g.map(line).join("")).join("\n")})\n`;
  }
}
