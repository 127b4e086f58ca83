import { startEchoServer } from "./echo-server.js";

// The transport ceiling in a process of its own, like the sidecar: started by `startCeiling`,
// which reads the port from the first line and stops it with SIGTERM.
const server = await startEchoServer();
process.stdout.write(`echo server listening on 127.0.0.1:${server.port}\n`);
process.once("SIGTERM", () => void server.close().then(() => process.exit(0)));
// stdin is a pipe from the bench: it ends when the bench does, even if the bench was killed,
// and then there is no one left to answer.
process.stdin.once("end", () => process.exit(0)).resume();
