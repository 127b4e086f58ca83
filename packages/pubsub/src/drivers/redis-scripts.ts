/**
 * KEYS[1]: the stream; ARGV[1]: the group; ARGV[2]: this consumer; ARGV[3]: the idle time to set
 * in ms, or -1 for none (XCLAIM then resets it to 0); ARGV[4...]: entry ids.
 *
 * Claims again, for this consumer, those of the ids it still owns: a heartbeat for the entries it
 * is working on (their idle time stays low, so no other member takes them over), or, with an idle
 * time, a hand-back (they look abandoned at once, so another member takes them over soon). An
 * entry another member already took over is left alone; checking and claiming in one script
 * means no such entry is taken back in between.
 */
export const claimOwnedScript = `
local owned = {}
for i = 4, #ARGV do
  local pending = redis.call("XPENDING", KEYS[1], ARGV[1], ARGV[i], ARGV[i], 1)
  if pending[1] and pending[1][2] == ARGV[2] then owned[#owned + 1] = ARGV[i] end
end
if #owned == 0 then return 0 end
local args = { KEYS[1], ARGV[1], ARGV[2], 0 }
for _, id in ipairs(owned) do args[#args + 1] = id end
if tonumber(ARGV[3]) >= 0 then
  args[#args + 1] = "IDLE"
  args[#args + 1] = ARGV[3]
end
args[#args + 1] = "JUSTID"
redis.call("XCLAIM", unpack(args))
return #owned
`;

/** The script as ioredis `defineCommand` adds it to a client. */
export interface PubSubScripts {
  layer8PubSubClaimOwned(
    stream: string,
    group: string,
    consumer: string,
    idleMs: number,
    ...ids: string[]
  ): Promise<number>;
}
