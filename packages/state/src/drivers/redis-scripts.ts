/**
 * The Lua scripts of the redis state driver. Each runs atomically on the server, so a condition
 * checked by a script still holds when the same script writes: no read-then-write race between
 * clients, and no WATCH/MULTI retries.
 *
 * Layout (Dapr's Redis state store): one hash per key, field `data` holds the bytes and field
 * `version` the etag. A key is present when its hash has a `version`.
 *
 * Every script is called as `name(numberOfKeys, ...keys, ...args)`. Write scripts return nil when
 * they applied, or `{ index, reason }` (1-based operation index, reason one of `CONFLICT`) when a
 * condition did not hold, in which case they wrote nothing.
 */

/** Why a write was refused, as the scripts spell it. */
export const CONFLICT = {
  /** An etag was given but the key does not exist. */
  Missing: "missing",
  /** An etag was given and the key has another version. */
  Stale: "stale",
  /** First-write without an etag, and the key exists. */
  Exists: "exists",
} as const;
export type Conflict = (typeof CONFLICT)[keyof typeof CONFLICT];

/**
 * `conflict(version, etag, firstWrite)`: the reason a write must not happen, or nil. `version` is
 * the key's version (false when absent), `etag` is "" for no etag, `firstWrite` is "1" or "0".
 */
const conflictLua = `
local function conflict(version, etag, firstWrite)
  if etag ~= "" then
    if not version then return "${CONFLICT.Missing}" end
    if version ~= etag then return "${CONFLICT.Stale}" end
  elseif firstWrite == "1" and version then
    return "${CONFLICT.Exists}"
  end
  return nil
end
`;

/**
 * Writes data and a new version, then applies the TTL change: "" keeps the key's TTL (HSET leaves
 * it alone), "persist" removes it, digits set it in milliseconds. The version is spelled with %d:
 * Redis spells a Lua number argument as a double, which is not always an integer's spelling.
 */
const writeLua = `
local function write(key, data, version, ttl)
  redis.call("HSET", key, "data", data, "version", string.format("%d", version))
  if ttl == "persist" then
    redis.call("PERSIST", key)
  elseif ttl ~= "" then
    redis.call("PEXPIRE", key, ttl)
  end
end
`;

/**
 * KEYS: the state keys. Returns, per key, `data`, `version` and PTTL (-2 missing, -1 no TTL), flat,
 * so that a value, its etag and its expiry are read at one instant and in one round trip.
 */
export const readScript = `
local reply = {}
for i, key in ipairs(KEYS) do
  local fields = redis.call("HMGET", key, "data", "version")
  reply[i * 3 - 2] = fields[1]
  reply[i * 3 - 1] = fields[2]
  reply[i * 3] = redis.call("PTTL", key)
end
return reply
`;

/**
 * KEYS[1] the state key, KEYS[2] the etag counter. ARGV: etag ("" none), first-write ("1"/"0"),
 * data, TTL change. The version comes from the counter shared by the whole database, so it is new
 * even for a key that was deleted and written again (a per-key counter would restart and reuse
 * etags).
 */
export const setScript = `${conflictLua}${writeLua}
local key = KEYS[1]
local reason = conflict(redis.call("HGET", key, "version"), ARGV[1], ARGV[2])
if reason then return { 1, reason } end
write(key, ARGV[3], redis.call("INCR", KEYS[2]), ARGV[4])
return nil
`;

/** KEYS[1] the state key. ARGV[1] the etag (an unconditional delete is a plain DEL). */
export const deleteScript = `${conflictLua}
local key = KEYS[1]
local reason = conflict(redis.call("HGET", key, "version"), ARGV[1], "0")
if reason then return { 1, reason } end
redis.call("DEL", key)
return nil
`;

/** The number of ARGV entries per transaction operation: kind, etag, first-write, data, TTL. */
export const TRANSACT_ARGS_PER_OPERATION = 5;

/**
 * KEYS[1] the etag counter, KEYS[1 + i] the key of operation i. ARGV: per operation, kind
 * ("upsert"/"delete"), etag, first-write, data, TTL change.
 *
 * First every condition is checked in order against the state the earlier operations leave
 * (tracked in `seen`: a version, false once deleted, "" once written here, which exists but
 * matches no etag, as the real new version is not known to the client that built the request).
 * Only reads happen in this pass, so a failure, or an error such as WRONGTYPE, leaves nothing
 * written. Then every operation is applied, in order, with versions from one INCRBY.
 */
export const transactScript = `${conflictLua}${writeLua}
local per = ${TRANSACT_ARGS_PER_OPERATION}
local count = #KEYS - 1
local seen = {}
local upserts = 0
for i = 1, count do
  local key = KEYS[i + 1]
  local base = (i - 1) * per
  local version = seen[key]
  if version == nil then version = redis.call("HGET", key, "version") end
  local reason = conflict(version, ARGV[base + 2], ARGV[base + 3])
  if reason then return { i, reason } end
  if ARGV[base + 1] == "upsert" then
    seen[key] = ""
    upserts = upserts + 1
  else
    seen[key] = false
  end
end
local version = 0
if upserts > 0 then version = redis.call("INCRBY", KEYS[1], upserts) - upserts end
for i = 1, count do
  local key = KEYS[i + 1]
  local base = (i - 1) * per
  if ARGV[base + 1] == "upsert" then
    version = version + 1
    write(key, ARGV[base + 4], version, ARGV[base + 5])
  else
    redis.call("DEL", key)
  end
end
return nil
`;
