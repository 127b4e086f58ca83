/**
 * Field names whose values are secrets wherever they appear in a log record (component metadata,
 * request headers, error details). Matched case-insensitively, ignoring `-` and `_`.
 */
const SECRET_FIELDS = new Set(
  [
    "password",
    "passwd",
    "secret",
    "secretAccessKey",
    "sessionToken",
    "token",
    "apiToken",
    "layer8ApiToken",
    "daprApiToken",
    "authorization",
    "accessKey",
    "privateKey",
    "sasl",
  ].map(normalise),
);

export const REDACTED = "[redacted]";

function normalise(name: string): string {
  return name.replace(/[-_]/g, "").toLowerCase();
}

export function isSecretField(name: string): boolean {
  return SECRET_FIELDS.has(normalise(name));
}

// `scheme://user:password@host` and `scheme://password@host` (Redis URLs allow both).
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/@:]*)(?::([^\s/@]*))?@/gi;

/** Text with credentials in URLs replaced, e.g. `redis://app:s3cret@h` → `redis://app:[redacted]@h`. */
export function redactText(text: string): string {
  return text.replace(URL_CREDENTIALS, (_, scheme: string, user: string, password?: string) =>
    password === undefined ? `${scheme}${REDACTED}@` : `${scheme}${user}:${REDACTED}@`,
  );
}

/**
 * A copy of a log record's value with secret fields and URL credentials redacted, to any depth.
 * Errors become plain objects (message, code, stack) so that their text is redacted too.
 */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return redactText(value);
  if (value === null || typeof value !== "object" || depth > 8) return value;
  if (value instanceof Error) {
    const { code } = value as { code?: unknown };
    return {
      type: value.name,
      message: redactText(value.message),
      ...(code !== undefined ? { code } : {}),
      ...(value.stack ? { stack: redactText(value.stack) } : {}),
    };
  }
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] = isSecretField(key) ? REDACTED : redactValue(item, depth + 1);
  }
  return copy;
}
