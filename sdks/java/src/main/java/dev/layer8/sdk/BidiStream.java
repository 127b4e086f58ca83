package dev.layer8.sdk;

/**
 * A bidirectional streaming call: {@link #send} request messages (it waits while the transport
 * is full), {@link #complete()} when there are no more, and read the responses as a blocking
 * iterator, from the same thread or another. Close it to cancel the call. Sending is safe from
 * several threads; reading is for one thread at a time.
 */
public final class BidiStream<Req, Resp> extends ResponseStream<Resp> {
  private final CallObserver<Req, Resp> call;
  private boolean completed;

  BidiStream(CallObserver<Req, Resp> call) {
    super(call);
    this.call = call;
  }

  /**
   * Sends one request message. Throws the call's {@link Layer8Exception} if it has failed, and
   * IllegalStateException after {@link #complete()} or once the sidecar has ended the call.
   */
  public synchronized void send(Req request) {
    if (completed) throw new IllegalStateException("send after complete(): the request side is closed");
    call.awaitReady();
    if (call.ended()) throw new IllegalStateException("the sidecar has ended this stream");
    call.requests().onNext(request);
  }

  /** Ends the request side; responses keep coming until the sidecar ends its side. */
  public synchronized void complete() {
    if (completed || call.ended()) return;
    completed = true;
    call.requests().onCompleted();
  }
}
