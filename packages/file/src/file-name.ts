/** The longest name accepted, in UTF-8 bytes: S3's limit on a key. */
export const MAX_NAME_BYTES = 1024;

/**
 * Names whose first segment starts with this are reserved for drivers' own bookkeeping (the local
 * driver keeps uploads in progress and metadata under `<root>/.layer8/`), on every driver, so
 * that files can move between drivers.
 */
export const RESERVED_PREFIX = ".layer8";

/**
 * Why `name` is not a valid file name, or undefined when it is. The rules make every name a
 * relative path that stays below a root directory on any operating system, and a valid S3 key.
 */
export function fileNameProblem(name: unknown): string | undefined {
  if (typeof name !== "string" || name === "") return "name must not be empty";
  if (Buffer.byteLength(name) > MAX_NAME_BYTES) {
    return `name must be at most ${MAX_NAME_BYTES} bytes of UTF-8, got ${Buffer.byteLength(name)}`;
  }
  if (name.includes("\0")) return `name '${printable(name)}' must not contain NUL`;
  if (name.includes("\\")) {
    return `name '${name}' must not contain '\\'; use '/' to separate directories`;
  }
  if (name.startsWith("/")) return `name '${name}' must be relative, not start with '/'`;
  const segments = name.split("/");
  if (segments.some((segment) => segment === "")) {
    return `name '${name}' must not have an empty segment ('//' or a trailing '/')`;
  }
  if (segments.some((segment) => segment === "." || segment === "..")) {
    return `name '${name}' must not have a '.' or '..' segment`;
  }
  if (segments[0]!.startsWith(RESERVED_PREFIX)) {
    return `name '${name}' must not start with '${RESERVED_PREFIX}', which is reserved for drivers`;
  }
  return undefined;
}

function printable(text: string): string {
  return text.replaceAll("\0", "\\0");
}

/**
 * Orders names as S3 lists keys: by the bytes of their UTF-8. (JavaScript's `<` compares UTF-16
 * code units, which differs for characters beyond U+FFFF.)
 */
export function compareNames(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
