package dev.layer8.sdk;

import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The blocking side of one streaming call started on an async stub. It asks the sidecar for one
 * response at a time, so a slow reader holds back the sender instead of filling memory, and it
 * lets a writer wait until the transport can take another message (flow control for uploads).
 */
final class CallObserver<Req, Resp> implements ClientResponseObserver<Req, Resp> {
  /** Marks the end of the responses: {@code failure} is null when the call succeeded. */
  private record End(Layer8Exception failure) {}

  private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
  private final Object readiness = new Object();
  private volatile ClientCallStreamObserver<Req> call;
  private volatile boolean ended;
  private volatile Layer8Exception failure;

  @Override
  public void beforeStart(ClientCallStreamObserver<Req> requestStream) {
    call = requestStream;
    requestStream.disableAutoRequestWithInitial(1);
    requestStream.setOnReadyHandler(this::wakeWriters);
  }

  @Override
  public void onNext(Resp response) {
    inbox.add(response);
  }

  @Override
  public void onError(Throwable error) {
    Layer8Exception mapped = Layer8Exception.from(error);
    failure = mapped;
    ended = true;
    inbox.add(new End(mapped));
    wakeWriters();
  }

  @Override
  public void onCompleted() {
    ended = true;
    inbox.add(new End(null));
    wakeWriters();
  }

  /** The request side of the call, to send on. */
  ClientCallStreamObserver<Req> requests() {
    return call;
  }

  /**
   * The next response, or null once the call has ended successfully; throws the call's error.
   * Blocks until one of them arrives.
   */
  Resp take() {
    Object item;
    try {
      item = inbox.take();
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      cancel("the reading thread was interrupted");
      throw new Layer8Exception(Status.Code.CANCELLED, "interrupted while waiting for the sidecar", interrupted);
    }
    if (item instanceof End end) {
      // Later calls see the same end again.
      inbox.add(end);
      if (end.failure() != null) throw end.failure();
      return null;
    }
    call.request(1);
    @SuppressWarnings("unchecked")
    Resp response = (Resp) item;
    return response;
  }

  /**
   * Waits until the transport accepts another request message without buffering it, or the call
   * has ended; throws the call's error if it failed.
   */
  void awaitReady() {
    synchronized (readiness) {
      while (!ended && !call.isReady()) {
        try {
          readiness.wait();
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          cancel("the sending thread was interrupted");
          throw new Layer8Exception(Status.Code.CANCELLED, "interrupted while waiting to send", interrupted);
        }
      }
    }
    Layer8Exception failed = failure;
    if (failed != null) throw failed;
  }

  boolean ended() {
    return ended;
  }

  void cancel(String why) {
    if (!ended) call.cancel(why, null);
  }

  private void wakeWriters() {
    synchronized (readiness) {
      readiness.notifyAll();
    }
  }
}
