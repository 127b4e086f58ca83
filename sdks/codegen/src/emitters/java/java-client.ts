import type { GeneratedFile } from "../../emitter.js";
import type { ClientModel } from "../../model.js";
import { docText, javadoc } from "./java-doc.js";
import { JavaImports } from "./java-imports.js";
import { type JavaFileContext, sectionAccessor, sectionClassName } from "./java-section.js";

/** `Layer8Client`: the one client, holding a section object per building block. */
export function renderClient(model: ClientModel, context: JavaFileContext): GeneratedFile {
  const imports = new JavaImports(context.packageName, context.ownClasses);
  const channel = imports.use("io.grpc.Channel");
  const managed = imports.use("io.grpc.ManagedChannel");
  const objects = imports.use("java.util.Objects");
  const timeUnit = imports.use("java.util.concurrent.TimeUnit");

  const sections = model.sections.map((section) => ({
    section,
    className: sectionClassName(section),
    field: sectionAccessor(section),
  }));
  const fields = sections.map((s) => `  private final ${s.className} ${s.field};`);
  const inits = sections.map((s) => `    this.${s.field} = new ${s.className}(channel);`);
  const accessors = sections.map(
    (s) =>
      `${javadoc("  ", [docText(s.section.summary)])}  public ${s.className} ${s.field}() {\n    return ${s.field};\n  }\n`,
  );
  const example = sections[0] ? `{@code client.${sections[0].field}()}` : "a section";

  const body = `${javadoc("", [
    `A client of the Layer8 sidecar's gRPC API, with one section per building block (${example}, ...). Each method takes the request message and blocks until the reply; streamed responses come as blocking iterators, streamed requests as iterators. Errors are thrown as {@link Layer8Exception}. Thread-safe: share one client.`,
    "<p>Open one with {@link #builder()}, and close it when done.",
  ])}public final class Layer8Client implements AutoCloseable {
  private final ${channel} channel;
  private final ${managed} owned;
${fields.join("\n")}

  /** A client over a channel that the caller owns: closing the client leaves the channel open. */
  public Layer8Client(${channel} channel) {
    this(channel, null);
  }

  Layer8Client(${channel} channel, ${managed} owned) {
    this.channel = ${objects}.requireNonNull(channel, "channel");
    this.owned = owned;
${inits.join("\n")}
  }

  /** Configures a client: the sidecar's address, its API token, timeouts. */
  public static Layer8ClientBuilder builder() {
    return new Layer8ClientBuilder();
  }

${accessors.join("\n")}
  /** The channel of this client, e.g. for the grpc-java stubs of an rpc it does not wrap. */
  public ${channel} channel() {
    return channel;
  }

  /** Closes the connection the builder opened, letting calls in flight finish for up to 5 s. */
  @Override
  public void close() {
    if (owned == null) {
      return;
    }
    owned.shutdown();
    try {
      if (!owned.awaitTermination(5, ${timeUnit}.SECONDS)) {
        owned.shutdownNow();
      }
    } catch (InterruptedException interrupted) {
      owned.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
`;
  const content = `${context.header}package ${context.packageName};\n\n${imports.lines().join("\n")}\n\n${body}`;
  return { name: `${context.packageName.replace(/\./g, "/")}/Layer8Client.java`, content };
}
