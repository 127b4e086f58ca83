export {
  connectEtcd,
  describeEtcd,
  type EtcdClient,
  type EtcdConnectionMetadata,
  etcdConnectionMetadata,
  etcdError,
  etcdHealth,
  etcdOptions,
} from "./etcd.js";
export { flag, millis } from "./flags.js";
export {
  closeRedis,
  connectRedis,
  describeRedis,
  type RedisConnectionMetadata,
  redisConnectionMetadata,
  redisError,
  redisHealth,
  redisOptions,
} from "./redis.js";
