/** The media type without parameters, lowercased: `Application/JSON; charset=utf-8` → `application/json`. */
function essence(contentType: string): string {
  return contentType.split(";", 1)[0]!.trim().toLowerCase();
}

/** `application/json`, `text/json`, or any `+json` type (CloudEvents' rule for JSON data). */
export function isJsonMediaType(contentType: string): boolean {
  const type = essence(contentType);
  return type === "application/json" || type === "text/json" || type.endsWith("+json");
}

/** Types whose data is text: `text/*` and XML. Their data travels as a JSON string. */
export function isTextMediaType(contentType: string): boolean {
  const type = essence(contentType);
  return type.startsWith("text/") || type === "application/xml" || type.endsWith("+xml");
}

/** `application/cloudevents+json`: the data already is a CloudEvent in structured mode. */
export function isCloudEventMediaType(contentType: string): boolean {
  return essence(contentType) === CLOUD_EVENT_MEDIA_TYPE;
}

export const CLOUD_EVENT_MEDIA_TYPE = "application/cloudevents+json";

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** The text of valid UTF-8 bytes (a byte order mark kept), or undefined when they are not. */
export function utf8Text(data: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(data);
  } catch {
    return undefined;
  }
}
