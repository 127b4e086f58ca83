import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type ActuatorOptions, createActuatorHandler } from "@layer8/actuator";

export interface ActuatorServer {
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Serves the actuator's HTTP endpoints (health, info, metrics, log levels) on its own port. */
export function startActuatorServer(
  options: ActuatorOptions & { host: string; port: number },
): Promise<ActuatorServer> {
  const server: Server = createServer(createActuatorHandler(options));
  // Probes come every few seconds; an idle keep-alive connection must not hold up shutdown.
  server.keepAliveTimeout = 5000;
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      const address = server.address() as AddressInfo;
      resolve({
        host: address.address,
        port: address.port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
