/** The sidecar's log: one line per event on stdout (errors on stderr). Libraries never log. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export function consoleLogger(): Logger {
  const line = (level: string, message: string) =>
    `${new Date().toISOString()} ${level} ${message}\n`;
  return {
    info: (message) => process.stdout.write(line("INFO ", message)),
    warn: (message) => process.stderr.write(line("WARN ", message)),
    error: (message) => process.stderr.write(line("ERROR", message)),
  };
}
