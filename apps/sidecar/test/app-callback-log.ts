/** What the sidecar's `app-callback` logger reported about one of the app's subscriptions. */
export type SubscriptionOutcome =
  | { kind: "opened"; consumerGroup: string }
  | { kind: "skipped"; reason: string }
  | { kind: "failed"; reason: string }
  | { kind: "closed" };

interface LogRecord {
  logger?: string;
  msg?: string;
  component?: string;
  topic?: string;
  consumerGroup?: string;
  reason?: string;
}

/** The log messages that mark each outcome (app-subscriptions.ts). */
function outcomeOf(record: LogRecord): SubscriptionOutcome | undefined {
  const msg = record.msg ?? "";
  if (msg.startsWith("subscribed to topic ")) {
    return { kind: "opened", consumerGroup: record.consumerGroup ?? "" };
  }
  if (msg.startsWith("skipped the app's subscription to ")) {
    return { kind: "skipped", reason: record.reason ?? msg };
  }
  if (msg.startsWith("could not subscribe to ")) {
    return { kind: "failed", reason: record.reason ?? msg };
  }
  if (msg.startsWith("closed the subscription to topic ")) return { kind: "closed" };
  return undefined;
}

/**
 * The sidecar's account of the app's subscriptions, read from its JSON log as it grows. An app
 * learns nowhere else that the sidecar opened, refused or closed what it listed: the log line
 * of an opened subscription is written once its consumer group exists, which is when a
 * subscription counts as live.
 */
export class AppCallbackLog {
  readonly #output: () => string;
  readonly #outcomes: { component: string; topic: string; outcome: SubscriptionOutcome }[] = [];
  #offset = 0;

  constructor(output: () => string) {
    this.#output = output;
  }

  /** Outcomes for `topic` of `component` so far, oldest first. */
  outcomes(component: string, topic: string): SubscriptionOutcome[] {
    this.#read();
    return this.#outcomes
      .filter((entry) => entry.component === component && entry.topic === topic)
      .map((entry) => entry.outcome);
  }

  /** Whether any line so far contains `text`. */
  includes(text: string): boolean {
    return this.#output().includes(text);
  }

  /** The last lines printed, for error messages. */
  tail(lines = 15): string {
    return this.#output().trimEnd().split("\n").slice(-lines).join("\n");
  }

  /** Parses the complete lines printed since the last read. */
  #read(): void {
    const text = this.#output();
    const end = text.lastIndexOf("\n") + 1;
    if (end <= this.#offset) return;
    const lines = text.slice(this.#offset, end).split("\n");
    this.#offset = end;
    for (const line of lines) {
      if (!line.startsWith("{")) continue;
      let record: LogRecord;
      try {
        record = JSON.parse(line) as LogRecord;
      } catch {
        continue;
      }
      if (record.logger !== "app-callback" || record.topic === undefined) continue;
      const outcome = outcomeOf(record);
      if (outcome) {
        this.#outcomes.push({ component: record.component ?? "", topic: record.topic, outcome });
      }
    }
  }
}
