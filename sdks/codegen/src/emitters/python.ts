import type { Emitter } from "../emitter.js";
import { renderClientModule } from "./python/python-client.js";
import { renderMessagesModule } from "./python/python-messages.js";
import { StubModules } from "./python/python-modules.js";

/**
 * Python: `client.py`, a `Client` with a section per block whose methods call grpcio-tools'
 * standard stubs (sync grpcio: unary -> the reply, server stream -> an iterator, client stream ->
 * takes an iterable, bidi -> both; int64 fields are Python ints, exact), and `messages.py`, every
 * message by name. Written next to the stubs, which an SDK may install below a package of its own.
 */
export const pythonEmitter: Emitter = {
  lang: "python",
  options: [
    {
      name: "stubs_package",
      description:
        "the Python package grpcio-tools' stubs of the generated files are installed under, e.g. `layer8._gen` for `layer8._gen.spec.proto.runtime.v1.runtime_pb2`; by default they are top-level (`spec.proto...`)",
    },
    {
      name: "runtime_module",
      description:
        "the module with the call helpers the client uses (`unary`, `server_stream`, `client_stream`, `bidi_stream`, `Metadata`, `ResponseStream`); default `layer8._calls`",
    },
  ],
  emit(model, options) {
    const modules = new StubModules(model.files, options.get("stubs_package"));
    const runtimeModule = options.get("runtime_module") ?? "layer8._calls";
    return [
      { name: "client.py", content: renderClientModule(model, { modules, runtimeModule }) },
      { name: "messages.py", content: renderMessagesModule(model.files, modules) },
    ];
  },
};
