import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { benchClient } from "./bench-client.js";
import { EchoService } from "./echo-service.js";
import { processTreeUsage, type UsageProbe } from "./process-usage.js";

/** The echo server in its own process, and a client of it. */
export interface Ceiling {
  /** One unary call carrying `payload` each way. */
  echo(payload: Uint8Array): Promise<unknown>;
  usage: UsageProbe;
  close(): Promise<void>;
}

const ECHO_PROCESS = fileURLToPath(new URL("./echo-process.js", import.meta.url));

/**
 * Starts the transport ceiling (`echo-process.js`) and a client made exactly as the sidecar rows
 * make theirs (`benchClient`, one HTTP/2 connection), so that the only
 * difference between a sidecar row and its ceiling row is what the server does per call.
 */
export async function startCeiling(): Promise<Ceiling> {
  const child = spawn(process.execPath, [ECHO_PROCESS], { stdio: ["pipe", "pipe", "inherit"] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on 127\.0\.0\.1:(\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    });
    void exited.then(() => reject(new Error(`the echo server exited before listening: ${output}`)));
  });
  const client = benchClient(EchoService, `127.0.0.1:${port}`);
  return {
    echo: (payload) => client.echo({ value: payload }),
    usage: processTreeUsage(child.pid!),
    close: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
