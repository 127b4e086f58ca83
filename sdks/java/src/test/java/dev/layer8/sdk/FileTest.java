package dev.layer8.sdk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.layer8.proto.runtime.v1.DelFileRequest;
import dev.layer8.proto.runtime.v1.FileInfo;
import dev.layer8.proto.runtime.v1.FileRequest;
import dev.layer8.proto.runtime.v1.GetFileMetaRequest;
import dev.layer8.proto.runtime.v1.GetFileRequest;
import dev.layer8.proto.runtime.v1.GetFileResponse;
import dev.layer8.proto.runtime.v1.ListFileRequest;
import dev.layer8.proto.runtime.v1.ListFileResp;
import dev.layer8.proto.runtime.v1.PutFileRequest;
import dev.layer8.sdk.testing.SharedSidecar;
import io.grpc.Status;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** client.file() against the memory and local file stores of the shared sidecar. */
@ExtendWith(SharedSidecar.class)
@Timeout(60)
class FileTest {
  private static final int MiB = 1024 * 1024;
  private static final int CHUNK = 64 * 1024;

  private static FileClient files;

  @BeforeAll
  static void connect(SharedSidecar.Running sidecar) {
    files = sidecar.client().file();
  }

  /**
   * A file's upload, made chunk by chunk as the client asks for them (never whole in memory):
   * seeded random bytes, digested on the way out.
   */
  private static final class Upload implements Iterator<PutFileRequest> {
    private final String store;
    private final String name;
    private final long size;
    private final Random random = new Random(42);
    private final MessageDigest digest = sha256();
    private long sent;
    private boolean first = true;
    /** Throws instead of the chunk after this many bytes, when not negative. */
    private long failAfter = -1;

    Upload(String store, String name, long size) {
      this.store = store;
      this.name = name;
      this.size = size;
    }

    @Override
    public boolean hasNext() {
      return first || sent < size;
    }

    @Override
    public PutFileRequest next() {
      if (!hasNext()) throw new NoSuchElementException();
      if (failAfter >= 0 && sent >= failAfter) throw new IllegalStateException("the source broke");
      byte[] chunk = new byte[(int) Math.min(CHUNK, size - sent)];
      random.nextBytes(chunk);
      digest.update(chunk);
      sent += chunk.length;
      PutFileRequest.Builder request = PutFileRequest.newBuilder().setData(ByteString.copyFrom(chunk));
      if (first) request.setStoreName(store).setName(name);
      first = false;
      return request.build();
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException impossible) {
      throw new AssertionError(impossible);
    }
  }

  private static FileRequest file(String store, String name) {
    return FileRequest.newBuilder().setStoreName(store).setName(name).build();
  }

  private static ResponseStream<GetFileResponse> download(String store, String name) {
    return files.get(GetFileRequest.newBuilder().setStoreName(store).setName(name).build());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"memory", "local"})
  void uploadsAndDownloadsAMultiMebibyteFileByteForByte(String store) {
    String name = "reports/" + UUID.randomUUID() + ".bin";
    long size = 5L * MiB + 123;
    Upload upload = new Upload(store, name, size);
    files.put(upload);

    MessageDigest downloaded = sha256();
    long received = 0;
    int chunks = 0;
    try (ResponseStream<GetFileResponse> stream = download(store, name)) {
      while (stream.hasNext()) {
        ByteString data = stream.next().getData();
        data.asReadOnlyByteBufferList().forEach(downloaded::update);
        received += data.size();
        chunks++;
      }
    }
    assertEquals(size, received);
    assertTrue(chunks > 1, "a " + size + "-byte file arrives in several chunks, got " + chunks);
    assertArrayEquals(upload.digest.digest(), downloaded.digest(), "the same bytes come back");

    long reported = files.getMeta(GetFileMetaRequest.newBuilder().setRequest(file(store, name)).build()).getSize();
    assertEquals(size, reported, "the size, as an int64 long");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"memory", "local"})
  void listsByPrefixAndDeletes(String store) {
    String dir = "listing-" + UUID.randomUUID() + "/";
    files.put(List.of(PutFileRequest.newBuilder().setStoreName(store).setName(dir + "a.txt").setData(ByteString.copyFromUtf8("aa")).build()));
    files.put(List.of(
        PutFileRequest.newBuilder().setStoreName(store).setName(dir + "b.txt").setData(ByteString.copyFromUtf8("b")).build(),
        PutFileRequest.newBuilder().setData(ByteString.copyFromUtf8("bb")).build()));

    ListFileResp listing = files.list(ListFileRequest.newBuilder().setRequest(file(store, dir)).setPageSize(10).build());
    assertEquals(List.of(dir + "a.txt", dir + "b.txt"), listing.getFilesList().stream().map(FileInfo::getFileName).sorted().toList());
    assertEquals(List.of(2L, 3L), listing.getFilesList().stream().sorted((x, y) -> x.getFileName().compareTo(y.getFileName())).map(FileInfo::getSize).toList());
    assertFalse(listing.getIsTruncated());

    files.delete(DelFileRequest.newBuilder().setRequest(file(store, dir + "a.txt")).build());
    Layer8Exception gone = assertThrows(Layer8Exception.class,
        () -> files.getMeta(GetFileMetaRequest.newBuilder().setRequest(file(store, dir + "a.txt")).build()));
    assertEquals(Status.Code.NOT_FOUND, gone.code(), gone.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"memory", "local"})
  void failsADownloadOfAMissingFileWithNotFoundWhileIterating(String store) {
    try (ResponseStream<GetFileResponse> stream = download(store, "nowhere-" + UUID.randomUUID())) {
      Layer8Exception missing = assertThrows(Layer8Exception.class, stream::hasNext);
      assertEquals(Status.Code.NOT_FOUND, missing.code(), missing.getMessage());
      assertThrows(Layer8Exception.class, stream::hasNext, "the error stays");
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"memory", "local"})
  void storesNothingWhenTheRequestIteratorFails(String store) {
    String name = "broken-" + UUID.randomUUID() + ".bin";
    Upload upload = new Upload(store, name, 4L * MiB);
    upload.failAfter = MiB;
    IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> files.put(upload));
    assertEquals("the source broke", thrown.getMessage(), "the iterator's own exception");

    Layer8Exception absent = assertThrows(Layer8Exception.class,
        () -> files.getMeta(GetFileMetaRequest.newBuilder().setRequest(file(store, name)).build()));
    assertSame(Status.Code.NOT_FOUND, absent.code(), "a cancelled upload is not a file: " + absent.getMessage());
  }

  @Test
  void failsAnUploadToAnUnknownStoreWithInvalidArgument() {
    // The sidecar refuses after the first message, while the client still has chunks to send.
    Layer8Exception refused = assertThrows(Layer8Exception.class, () -> files.put(new Upload("no-such-store", "x.bin", 2L * MiB)));
    assertEquals(Status.Code.INVALID_ARGUMENT, refused.code(), refused.getMessage());
    assertTrue(refused.description().contains("no-such-store"), refused.description());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"memory"})
  void stopsADownloadEarlyWhenClosed(String store) {
    String name = "early-" + UUID.randomUUID() + ".bin";
    files.put(new Upload(store, name, 3L * MiB));
    try (ResponseStream<GetFileResponse> stream = download(store, name)) {
      assertTrue(stream.hasNext());
      assertTrue(stream.next().getData().size() > 0);
    }
    // The channel is still fine for the next call after the cancelled one.
    assertEquals(3L * MiB, files.getMeta(GetFileMetaRequest.newBuilder().setRequest(file(store, name)).build()).getSize());
  }
}
