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
  closeKafka,
  connectKafka,
  describeKafka,
  type KafkaClient,
  type KafkaConnectionMetadata,
  kafkaConnectionMetadata,
  kafkaError,
  kafkaHealth,
  kafkaOptions,
} from "./kafka.js";
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
