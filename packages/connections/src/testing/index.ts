// For tests: real backing servers started and crashed on purpose.
export { freePort, startEtcdServer, startRedisServer, type TestServer } from "./servers.js";
