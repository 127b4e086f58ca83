// For tests: real backing servers started and crashed on purpose.

export { startKafkaServer } from "./kafka-server.js";
export {
  freePort,
  S3_TEST_CREDENTIALS,
  startEtcdServer,
  startRedisServer,
  startS3Server,
  type TestServer,
} from "./servers.js";
