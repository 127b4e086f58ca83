/**
 * The imports of one generated Java file. `use` returns the name to write in the code: the simple
 * name when it is free, the fully qualified name when another class (an earlier import, a class
 * of the file's own package, java.lang) already has it, so a message named like one of ours never
 * breaks the build.
 */
/** java.lang classes the generated code names: a message of the same name must not shadow them. */
const JAVA_LANG_USED = [
  "AutoCloseable",
  "Deprecated",
  "InterruptedException",
  "Iterable",
  "Object",
  "Override",
  "String",
  "Thread",
];

export class JavaImports {
  readonly #byName = new Map<string, string>();
  readonly #packageName: string;

  /** `ownClasses`: the simple names of the classes in the file's package that it refers to. */
  constructor(packageName: string, ownClasses: Iterable<string>) {
    this.#packageName = packageName;
    for (const name of JAVA_LANG_USED) this.#byName.set(name, `java.lang.${name}`);
    for (const name of ownClasses) this.#byName.set(name, `${packageName}.${name}`);
  }

  use(qualified: string): string {
    const simple = qualified.slice(qualified.lastIndexOf(".") + 1);
    const holder = this.#byName.get(simple);
    if (holder === undefined) {
      this.#byName.set(simple, qualified);
      return simple;
    }
    return holder === qualified ? simple : qualified;
  }

  /** The import lines, sorted as google-java-format sorts them. */
  lines(): string[] {
    const own = new RegExp(`^${this.#packageName.replace(/\./g, "\\.")}\\.[^.]+$`);
    return [...this.#byName.values()]
      .filter((qualified) => !own.test(qualified) && !qualified.startsWith("java.lang."))
      .filter((qualified) => qualified.includes("."))
      .sort()
      .map((qualified) => `import ${qualified};`);
  }
}
