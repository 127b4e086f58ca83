package dev.layer8.sdk;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The responses of a streaming call, read with a blocking iterator: {@link #hasNext()} waits for
 * the next one and returns false when the sidecar ends the stream; an error of the call is
 * thrown as a {@link Layer8Exception} from {@code hasNext} or {@code next}. Close it (try with
 * resources) to stop early: that cancels the call on the sidecar too.
 */
public class ResponseStream<T> implements Iterator<T>, AutoCloseable {
  private final CallObserver<?, T> observer;
  private T pending;
  private boolean ended;
  private Layer8Exception failure;

  ResponseStream(CallObserver<?, T> observer) {
    this.observer = observer;
  }

  @Override
  public boolean hasNext() {
    if (pending != null) return true;
    // A failed stream keeps failing, so a caller who catches and asks again is not told "done".
    if (failure != null) throw failure;
    if (ended) return false;
    try {
      pending = observer.take();
    } catch (Layer8Exception failed) {
      ended = true;
      failure = failed;
      throw failed;
    }
    if (pending == null) ended = true;
    return pending != null;
  }

  @Override
  public T next() {
    if (!hasNext()) throw new NoSuchElementException("the stream has ended");
    T response = pending;
    pending = null;
    return response;
  }

  /** The remaining responses as a sequential Stream; closing it closes this. */
  public Stream<T> stream() {
    Spliterator<T> spliterator = Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL);
    return StreamSupport.stream(spliterator, false).onClose(this::close);
  }

  /** Cancels the call if it is still running; harmless once it has ended. */
  @Override
  public void close() {
    observer.cancel("the client closed the stream");
  }

  CallObserver<?, T> observer() {
    return observer;
  }
}
