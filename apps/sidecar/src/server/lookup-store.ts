import { Code, Layer8Error } from "@layer8/core";

/**
 * Finds a configured component by the name a request gives, or answers INVALID_ARGUMENT naming
 * the name asked for and the ones that exist. `field` is the request field that names it.
 */
export function lookupStore<T>(
  stores: ReadonlyMap<string, T>,
  kind: string,
  name: string,
  field = "store_name",
): T {
  const store = stores.get(name);
  if (store !== undefined) return store;
  const configured = stores.size > 0 ? [...stores.keys()].join(", ") : "none";
  throw new Layer8Error(
    Code.InvalidArgument,
    name === ""
      ? `${kind} name is required; configured: ${configured}`
      : `${kind} '${name}' is not configured; configured: ${configured}`,
    { field, component: name },
  );
}
