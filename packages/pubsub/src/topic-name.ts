/**
 * Topics are limited to the characters and length Kafka accepts, the strictest backend, so that
 * a topic that works on one driver works on every driver.
 */
const TOPIC = /^[A-Za-z0-9._-]{1,249}$/;
/** Letters of the C0 and C1 control ranges, which no log or backend shows faithfully. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Why `topic` is not a valid topic name (`field` names it in the message), or undefined. */
export function topicProblem(topic: unknown, field: string): string | undefined {
  if (typeof topic !== "string" || topic === "") return `${field} must not be empty`;
  if (topic === "." || topic === ".." || !TOPIC.test(topic)) {
    return `${field} '${topic}' must be 1 to 249 characters among A-Z a-z 0-9 . _ - (and not '.' or '..')`;
  }
  return undefined;
}

/** Why `group` is not a valid consumer group name, or undefined. */
export function consumerGroupProblem(group: unknown, field: string): string | undefined {
  if (typeof group !== "string" || group === "") return `${field} must not be empty`;
  if (group.length > 255) return `${field} must be at most 255 characters`;
  if (CONTROL.test(group)) return `${field} must not contain control characters`;
  return undefined;
}
