import { Code, Layer8Error } from "@layer8/core";

/**
 * Finds a configured component by the name a request gives, or answers INVALID_ARGUMENT naming
 * the name asked for and the ones that exist.
 */
export function lookupStore<T>(stores: ReadonlyMap<string, T>, kind: string, name: string): T {
  const store = stores.get(name);
  if (store !== undefined) return store;
  const configured = stores.size > 0 ? [...stores.keys()].join(", ") : "none";
  throw new Layer8Error(
    Code.InvalidArgument,
    name === ""
      ? `${kind} name is required; configured: ${configured}`
      : `${kind} '${name}' is not configured; configured: ${configured}`,
    { field: "store_name", component: name },
  );
}
