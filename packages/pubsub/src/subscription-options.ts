import type { Layer8Error } from "@layer8/core";
import type { ResolvedRetryPolicy } from "./retry-policy.js";
import { consumerGroupProblem, topicProblem } from "./topic-name.js";
import type { SubscribeRequest, TopicEventHandler } from "./types.js";

/** The most events one subscription may handle at once. */
export const MAX_CONCURRENCY = 1000;
/** The longest retry delay or drain timeout accepted: one day. */
const MAX_DELAY_MS = 86_400_000;

/** The component's defaults for what a subscription leaves out. */
export interface SubscriptionDefaults {
  consumerGroup: string;
  concurrency: number;
  retry: ResolvedRetryPolicy;
  drainTimeoutMs: number;
}

/** A subscribe request with every option decided and checked. */
export interface ResolvedSubscription {
  topic: string;
  handler: TopicEventHandler;
  consumerGroup: string;
  deadLetterTopic: string | undefined;
  concurrency: number;
  retry: ResolvedRetryPolicy;
  drainTimeoutMs: number;
  onError: (error: Error) => void;
  /** Subscription metadata the store does not read, for the driver. */
  driverMetadata: Record<string, string>;
}

/** Subscription metadata keys the store reads (when the typed field is absent). */
const STORE_KEYS = new Set([
  "consumerID",
  "concurrency",
  "deadLetterTopic",
  "retryInitialDelayMs",
  "retryMaxDelayMs",
  "retryMaxAttempts",
  "drainTimeoutMs",
]);

type Invalid = (field: string, reason: string) => Layer8Error;

/**
 * Decides every option of a subscription, in this order: the typed field, then the subscription's
 * metadata (text, as the wire carries it), then the component's defaults. Throws INVALID_ARGUMENT
 * naming the first bad field.
 */
export function resolveSubscription(
  request: SubscribeRequest,
  defaults: SubscriptionDefaults,
  invalid: Invalid,
): ResolvedSubscription {
  const topicIssue = topicProblem(request.topic, "topic");
  if (topicIssue) throw invalid("topic", topicIssue);
  if (typeof request.handler !== "function") {
    throw invalid("handler", "handler must be a function");
  }
  const metadata = request.metadata ?? {};
  const driverMetadata: Record<string, string> = {};
  for (const [key, value] of Object.entries(metadata)) {
    if (typeof value !== "string") {
      throw invalid(`metadata.${key}`, `metadata.${key} must be text`);
    }
    if (!STORE_KEYS.has(key)) driverMetadata[key] = value;
  }
  const number = (
    typed: number | undefined,
    key: string,
    field: string,
    min: number,
    max: number,
    fallback: number,
  ): number => {
    if (typed !== undefined) return checkWhole(typed, field, min, max, invalid);
    const text = metadata[key];
    if (text === undefined) return fallback;
    const value = /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
    return checkWhole(value, `metadata.${key}`, min, max, invalid, text);
  };

  const consumerGroup = request.consumerGroup ?? metadata.consumerID ?? defaults.consumerGroup;
  const groupField = request.consumerGroup !== undefined ? "consumerGroup" : "metadata.consumerID";
  const groupIssue = consumerGroupProblem(consumerGroup, groupField);
  if (groupIssue) throw invalid(groupField, groupIssue);

  const deadLetterTopic = request.deadLetterTopic ?? metadata.deadLetterTopic;
  if (deadLetterTopic !== undefined && deadLetterTopic !== "") {
    const field =
      request.deadLetterTopic !== undefined ? "deadLetterTopic" : "metadata.deadLetterTopic";
    const issue = topicProblem(deadLetterTopic, field);
    if (issue) throw invalid(field, issue);
    if (deadLetterTopic === request.topic) {
      throw invalid(field, `${field} must differ from the topic itself ('${request.topic}')`);
    }
  }

  const retry = request.retry ?? {};
  const initialDelayMs = number(
    retry.initialDelayMs,
    "retryInitialDelayMs",
    "retry.initialDelayMs",
    1,
    MAX_DELAY_MS,
    defaults.retry.initialDelayMs,
  );
  const maxDelayMs = number(
    retry.maxDelayMs,
    "retryMaxDelayMs",
    "retry.maxDelayMs",
    1,
    MAX_DELAY_MS,
    Math.max(defaults.retry.maxDelayMs, initialDelayMs),
  );
  if (maxDelayMs < initialDelayMs) {
    throw invalid(
      "retry.maxDelayMs",
      `retry.maxDelayMs (${maxDelayMs}) must not be below retry.initialDelayMs (${initialDelayMs})`,
    );
  }
  return {
    topic: request.topic,
    handler: request.handler,
    consumerGroup,
    deadLetterTopic: deadLetterTopic || undefined,
    concurrency: number(
      request.concurrency,
      "concurrency",
      "concurrency",
      1,
      MAX_CONCURRENCY,
      defaults.concurrency,
    ),
    retry: {
      initialDelayMs,
      maxDelayMs,
      maxAttempts: number(
        retry.maxAttempts,
        "retryMaxAttempts",
        "retry.maxAttempts",
        0,
        Number.MAX_SAFE_INTEGER,
        defaults.retry.maxAttempts,
      ),
    },
    drainTimeoutMs: number(
      request.drainTimeoutMs,
      "drainTimeoutMs",
      "drainTimeoutMs",
      0,
      MAX_DELAY_MS,
      defaults.drainTimeoutMs,
    ),
    onError: request.onError ?? (() => undefined),
    driverMetadata,
  };
}

function checkWhole(
  value: number,
  field: string,
  min: number,
  max: number,
  invalid: Invalid,
  text: string = String(value),
): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(field, `${field} must be a whole number from ${min} to ${max}, got '${text}'`);
  }
  return value;
}
