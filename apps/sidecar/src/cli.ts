import { parseArgs } from "node:util";
import { EMBEDDED_COMPONENTS } from "./building-blocks.js";
import { ConfigError } from "./config/config-error.js";
import { loadConfig } from "./config/load-config.js";
import { redactText } from "./logging/redact.js";
import { prepare } from "./prepare.js";
import { runSidecar } from "./sidecar.js";
import { sidecarVersion } from "./version.js";

const USAGE = `Usage:
  layer8 run [--config FILE]       start the sidecar (embedded defaults without --config)
  layer8 validate [--config FILE]  check a config fully without starting anything
  layer8 --version | --help

The config is YAML or JSON; \${VAR} and \${VAR:-default} are read from the environment.`;

/** Runs the command line; resolves the process exit code for commands that end. */
export async function main(argv: readonly string[]): Promise<number | undefined> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    process.stderr.write(`layer8: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const { command, config } = parsed;
  if (parsed.help || command === "help") {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (parsed.version) {
    process.stdout.write(`${sidecarVersion()}\n`);
    return 0;
  }
  try {
    if (command === "validate") return validate(config);
    if (command === "run") {
      await run(config);
      return undefined;
    }
    process.stderr.write(`layer8: unknown command '${command ?? ""}'\n\n${USAGE}\n`);
    return 2;
  } catch (error) {
    process.stderr.write(
      `layer8: ${redactText(error instanceof ConfigError ? error.message : describe(error))}\n`,
    );
    return 1;
  }
}

function parse(argv: readonly string[]) {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      config: { type: "string", short: "c" },
      help: { type: "boolean", short: "h" },
      version: { type: "boolean", short: "v" },
    },
  });
  if (positionals.length > 1) throw new Error(`unexpected argument '${positionals[1]}'`);
  return {
    command: positionals[0],
    config: values.config,
    help: values.help,
    version: values.version,
  };
}

function validate(configFile: string | undefined): number {
  const loaded = loadConfig({
    ...(configFile ? { file: configFile } : { raw: { components: EMBEDDED_COMPONENTS } }),
    env: process.env,
  });
  const components = prepare(loaded);
  process.stdout.write(`config ${loaded.source} is valid (${components.all.length} components)\n`);
  return 0;
}

async function run(configFile: string | undefined): Promise<void> {
  const sidecar = await runSidecar({
    ...(configFile ? { configFile } : {}),
    env: process.env,
  });
  const { logger } = sidecar;
  let signals = 0;
  const shutdown = (signal: string) => {
    signals += 1;
    if (signals > 1) {
      logger.warn(`${signal} again: exiting without waiting for in-flight calls`);
      process.exit(1);
    }
    logger.info(
      `${signal}: no longer accepting calls; draining in-flight calls, then closing components`,
    );
    sidecar.stop().then(
      () => {
        logger.info("stopped");
        sidecar.logging.flush();
        process.exit(0);
      },
      (error: unknown) => {
        logger.error("shutdown failed", { error });
        sidecar.logging.flush();
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
