export { flag, millis } from "./flags.js";
export {
  connectRedis,
  describeRedis,
  type RedisConnectionMetadata,
  redisConnectionMetadata,
  redisError,
  redisHealth,
  redisOptions,
} from "./redis.js";
