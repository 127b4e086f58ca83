package dev.layer8.sdk;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.Iterator;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How the generated sections call the grpc-java stubs, one helper per streaming kind: blocking
 * calls that throw {@link Layer8Exception}, iterators for streamed responses, and iterators of
 * requests for streamed uploads, all with flow control.
 */
final class Calls {
  private Calls() {}

  /** A unary call on a blocking stub. */
  static <Resp> Resp unary(Supplier<Resp> call) {
    try {
      return call.get();
    } catch (StatusRuntimeException failure) {
      throw Layer8Exception.from(failure);
    }
  }

  /** A server-streaming call on an async stub, read as a blocking iterator. */
  static <Req, Resp> ResponseStream<Resp> serverStreaming(
      BiConsumer<Req, StreamObserver<Resp>> start, Req request) {
    CallObserver<Req, Resp> observer = new CallObserver<>();
    start.accept(request, observer);
    return new ResponseStream<>(observer);
  }

  /**
   * A client-streaming call on an async stub: sends every request of the iterator, each once the
   * transport can take it (so a large upload is never buffered whole), then waits for the reply.
   * If the iterator throws, the call is cancelled and its exception rethrown.
   */
  static <Req, Resp> Resp clientStreaming(
      Function<StreamObserver<Resp>, StreamObserver<Req>> start, Iterator<? extends Req> requests) {
    CallObserver<Req, Resp> observer = new CallObserver<>();
    StreamObserver<Req> sender = start.apply(observer);
    try {
      while (requests.hasNext()) {
        Req request = requests.next();
        observer.awaitReady();
        // The sidecar answered early (an error, usually): its answer is read below.
        if (observer.ended()) break;
        sender.onNext(request);
      }
    } catch (RuntimeException | Error failure) {
      if (!(failure instanceof Layer8Exception)) {
        observer.cancel("the request iterator threw " + failure);
      }
      throw failure;
    }
    if (!observer.ended()) sender.onCompleted();
    Resp response = observer.take();
    if (response == null) {
      throw new Layer8Exception(Status.Code.INTERNAL, "the sidecar ended the call without a response", null);
    }
    return response;
  }

  /** A bidirectional call on an async stub. */
  static <Req, Resp> BidiStream<Req, Resp> bidi(Function<StreamObserver<Resp>, StreamObserver<Req>> start) {
    CallObserver<Req, Resp> observer = new CallObserver<>();
    start.apply(observer);
    return new BidiStream<>(observer);
  }
}
