/** One problem in a config: where it is, what is wrong, and what would fix it. */
export interface ConfigProblem {
  /** Dotted path inside the config, e.g. `components.state.orders.metadata.url`. */
  path: string;
  message: string;
  fix: string;
}

/**
 * A config that cannot be started. Its message names the file and lists every problem with its
 * path and fix, so one run shows everything to correct.
 */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
  readonly file: string;
  readonly problems: readonly ConfigProblem[];

  constructor(file: string, problems: readonly ConfigProblem[]) {
    const lines = problems.map(
      (p) => `  - ${p.path || "(top level)"}: ${p.message}\n    fix: ${p.fix}`,
    );
    super(
      `invalid config ${file}: ${problems.length} problem${problems.length === 1 ? "" : "s"}\n${lines.join("\n")}`,
    );
    this.file = file;
    this.problems = problems;
  }
}
