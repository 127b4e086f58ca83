/** The concurrency levels every scenario runs at: one caller, a busy app, a crowd. */
export const CONCURRENCY = [1, 16, 64] as const;

/** How one run of the harness measures, from the environment and the command line. */
export interface Settings {
  /** Time each path runs, per concurrency level, before its rounds (JIT, connections). */
  warmupMs: number;
  /** Time measured per round. */
  durationMs: number;
  /** Rounds per row; the paths of a scenario take turns round by round. */
  rounds: number;
  /** Lower-cased words: a scenario runs when its "scenario driver" label contains one. Empty: all. */
  filter: string[];
  /** Rewrite the results section of docs/benchmarks.md (only after a full run). */
  writeDocs: boolean;
}

// Chosen so that the whole default run takes under ~10 minutes on a 2-core machine.
const DEFAULTS = { warmupMs: 300, durationMs: 500, rounds: 3 };

const USAGE =
  "usage: pnpm bench [-- --filter WORDS] [-- --write-docs]; env BENCH_DURATION_MS, BENCH_WARMUP_MS, BENCH_ROUNDS, BENCH_FILTER";

/**
 * Reads `BENCH_DURATION_MS`, `BENCH_WARMUP_MS`, `BENCH_ROUNDS` and `BENCH_FILTER` from `env`, and
 * `--filter WORDS` (or `--filter=WORDS`) and `--write-docs` from `argv`; the command line wins.
 * WORDS are comma-separated. Throws on anything it does not understand, with the usage.
 */
export function parseSettings(
  env: Readonly<Record<string, string | undefined>>,
  argv: readonly string[],
): Settings {
  let filterText = env.BENCH_FILTER ?? "";
  let writeDocs = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") continue;
    if (arg === "--write-docs") writeDocs = true;
    else if (arg === "--filter") {
      const value = argv[++i];
      if (value === undefined) throw new Error(`--filter needs a value\n${USAGE}`);
      filterText = value;
    } else if (arg.startsWith("--filter=")) filterText = arg.slice("--filter=".length);
    else throw new Error(`unknown argument '${arg}'\n${USAGE}`);
  }
  const filter = filterText
    .split(",")
    .map((word) => word.trim().toLowerCase())
    .filter((word) => word !== "");
  if (writeDocs && filter.length > 0) {
    throw new Error("--write-docs records a full run: leave out --filter and BENCH_FILTER");
  }
  return {
    warmupMs: number(env, "BENCH_WARMUP_MS", DEFAULTS.warmupMs, 0),
    durationMs: number(env, "BENCH_DURATION_MS", DEFAULTS.durationMs, 1),
    rounds: number(env, "BENCH_ROUNDS", DEFAULTS.rounds, 1),
    filter,
    writeDocs,
  };
}

function number(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  fallback: number,
  min: number,
): number {
  const text = env[name]?.trim();
  if (!text) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be a whole number of at least ${min}, not '${text}'\n${USAGE}`);
  }
  return value;
}

/** Whether a scenario on a driver is in this run. */
export function selected(settings: Settings, scenario: string, driver: string): boolean {
  if (settings.filter.length === 0) return true;
  const label = `${scenario} ${driver}`.toLowerCase();
  return settings.filter.some((word) => label.includes(word));
}
