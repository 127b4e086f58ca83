package dev.layer8.examples.quickstart;

import com.google.protobuf.ByteString;
import dev.layer8.proto.runtime.v1.Etag;
import dev.layer8.proto.runtime.v1.GetNextIdRequest;
import dev.layer8.proto.runtime.v1.GetStateRequest;
import dev.layer8.proto.runtime.v1.GetStateResponse;
import dev.layer8.proto.runtime.v1.SaveStateRequest;
import dev.layer8.proto.runtime.v1.SayHelloRequest;
import dev.layer8.proto.runtime.v1.StateItem;
import dev.layer8.proto.runtime.v1.TryLockRequest;
import dev.layer8.proto.runtime.v1.UnlockRequest;
import dev.layer8.sdk.Layer8Client;
import dev.layer8.sdk.Layer8ClientBuilder;
import dev.layer8.sdk.Layer8Exception;
import io.grpc.Status;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Talks to a Layer8 sidecar: state with an etag (and a stale write refused), an id from a
 * sequencer, and a lock. The components named {@code default} are the ones the sidecar has when
 * started without a config ({@code npm start}).
 */
public final class Main {
  private static final String STORE = "default";

  public static void main(String[] args) {
    // An application, unlike a library, may read its environment.
    String address = args.length > 0 ? args[0] : System.getenv().getOrDefault("LAYER8_ADDRESS", "127.0.0.1:34904");
    Layer8ClientBuilder builder = Layer8Client.builder().address(address).callTimeout(Duration.ofSeconds(5));
    String token = System.getenv("LAYER8_API_TOKEN");
    if (token != null && !token.isEmpty()) builder.apiToken(token);
    try (Layer8Client client = builder.build()) {
      run(client, System.out);
    }
  }

  /** The quickstart itself, printing what it does to {@code out}. */
  static void run(Layer8Client client, PrintStream out) {
    String hello = client.runtime().sayHello(SayHelloRequest.newBuilder().setName("java-quickstart").build()).getHello();
    out.println("connected: " + hello);

    client.state().save(SaveStateRequest.newBuilder().setStoreName(STORE)
        .addStates(StateItem.newBuilder().setKey("order-1").setValue(ByteString.copyFromUtf8("{\"status\":\"new\"}")))
        .build());
    GetStateResponse first = client.state().get(GetStateRequest.newBuilder().setStoreName(STORE).setKey("order-1").build());
    out.println("read order-1: " + first.getData().toStringUtf8() + " (etag " + first.getEtag() + ")");

    // A write that passes the etag it read succeeds only if nobody wrote in between...
    client.state().save(SaveStateRequest.newBuilder().setStoreName(STORE)
        .addStates(StateItem.newBuilder().setKey("order-1").setValue(ByteString.copyFromUtf8("{\"status\":\"paid\"}"))
            .setEtag(Etag.newBuilder().setValue(first.getEtag())))
        .build());
    out.println("updated order-1 with etag " + first.getEtag());
    // ...so a second writer still holding the old etag is refused.
    try {
      client.state().save(SaveStateRequest.newBuilder().setStoreName(STORE)
          .addStates(StateItem.newBuilder().setKey("order-1").setValue(ByteString.copyFromUtf8("{\"status\":\"cancelled\"}"))
              .setEtag(Etag.newBuilder().setValue(first.getEtag())))
          .build());
      throw new IllegalStateException("the stale write was accepted");
    } catch (Layer8Exception refused) {
      if (refused.code() != Status.Code.ABORTED) throw refused;
      out.println("stale write refused: " + refused.code());
    }

    long id = client.sequencer().getNextId(GetNextIdRequest.newBuilder().setStoreName(STORE).setKey("invoices").build()).getNextId();
    out.println("next invoice id: " + id);

    boolean locked = client.lock().tryLock(TryLockRequest.newBuilder().setStoreName(STORE)
        .setResourceId("invoice-" + id).setLockOwner("java-quickstart").setExpire(10).build()).getSuccess();
    out.println("locked invoice-" + id + ": " + locked);
    var unlocked = client.lock().unlock(UnlockRequest.newBuilder().setStoreName(STORE)
        .setResourceId("invoice-" + id).setLockOwner("java-quickstart").build()).getStatus();
    out.println("unlocked invoice-" + id + ": " + unlocked);
  }
}
