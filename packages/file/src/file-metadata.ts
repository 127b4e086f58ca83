import type { FileMetadata } from "./types.js";

/** The most bytes of metadata names and values together: S3's limit on user metadata. */
export const MAX_METADATA_BYTES = 2048;

const NAME = /^[A-Za-z0-9._-]+$/;
const VALUE = /^[\x20-\x7e]*$/;

/**
 * The metadata of a put as every driver stores it: names in lower case (S3 and HTTP headers do
 * not keep case), values printable ASCII (S3 sends them as headers), 2,048 bytes at most. Returns
 * the normalised metadata or why it is refused.
 */
export function normalizeFileMetadata(
  metadata: FileMetadata | undefined,
): { metadata: FileMetadata } | { problem: string } {
  if (metadata === undefined || metadata === null) return { metadata: {} };
  if (typeof metadata !== "object") return { problem: "metadata must be an object of strings" };
  const normalized: FileMetadata = {};
  let bytes = 0;
  for (const [name, value] of Object.entries(metadata)) {
    if (!NAME.test(name)) {
      return {
        problem: `metadata name '${name}' must be letters, digits, '-', '_' or '.'`,
      };
    }
    if (typeof value !== "string" || !VALUE.test(value)) {
      return { problem: `metadata '${name}' must be printable ASCII text` };
    }
    const lower = name.toLowerCase();
    if (lower in normalized) {
      return { problem: `metadata names are case-insensitive: '${name}' is given twice` };
    }
    normalized[lower] = value;
    bytes += lower.length + value.length;
  }
  if (bytes > MAX_METADATA_BYTES) {
    return {
      problem: `metadata must be at most ${MAX_METADATA_BYTES} bytes of names and values, got ${bytes}`,
    };
  }
  return { metadata: normalized };
}
