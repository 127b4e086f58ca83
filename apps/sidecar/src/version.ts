import { readFileSync } from "node:fs";

/** This sidecar's version, from its package.json (two levels up from src/ and dist/ alike). */
export function sidecarVersion(): string {
  const manifest = new URL("../package.json", import.meta.url);
  return (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version;
}
