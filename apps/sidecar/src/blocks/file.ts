import {
  createFileStore,
  type FileDriverDefinition,
  type FileStore,
  fileDrivers,
} from "@layer8/file";
import { fileService } from "../server/file-service.js";
import type { BlockModule } from "./block-module.js";

export const fileBlock: BlockModule<FileStore> = {
  name: "file",
  storeKind: "file store",
  drivers: fileDrivers,
  // Files outlive the process by nature: the embedded default keeps them on disk, below the
  // sidecar's working directory (created if missing).
  embedded: { default: { type: "local", metadata: { root: ".layer8/files" } } },
  create: (driver, { name, metadata }) =>
    createFileStore({ driver: driver as FileDriverDefinition, name, metadata }),
  service: fileService,
};
