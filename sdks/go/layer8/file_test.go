package layer8_test

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"maps"
	"path"
	"slices"
	"testing"

	"google.golang.org/grpc/codes"

	"github.com/layer8dev/layer8/sdks/go/runtimev1"
)

func TestFile(t *testing.T) {
	forEachBackend(t, "file", func(t *testing.T, store string) {
		ctx := testContext(t)
		files := client.File
		dir := key(t, "dir")
		name := dir + "/big.bin"

		// 6 MiB in 256 KiB chunks: more than gRPC's default 4 MiB message limit in total, so
		// only streaming carries it.
		content := make([]byte, 6<<20+123)
		if _, err := rand.Read(content); err != nil {
			t.Fatal(err)
		}
		put := func(name string, content []byte) error {
			return files.Put(ctx, func(send func(*runtimev1.PutFileRequest) error) error {
				for chunk := range slices.Chunk(content, 256<<10) {
					if err := send(&runtimev1.PutFileRequest{StoreName: store, Name: name, Data: chunk}); err != nil {
						return err
					}
				}
				return nil
			})
		}
		if err := put(name, content); err != nil {
			t.Fatal(err)
		}
		if err := put(dir+"/small.txt", []byte("hello")); err != nil {
			t.Fatal(err)
		}

		t.Run("get streams the file back byte for byte", func(t *testing.T) {
			hash := sha256.New()
			chunks := 0
			for res, err := range files.Get(ctx, &runtimev1.GetFileRequest{StoreName: store, Name: name}) {
				if err != nil {
					t.Fatal(err)
				}
				hash.Write(res.GetData())
				chunks++
			}
			want := sha256.Sum256(content)
			if !bytes.Equal(hash.Sum(nil), want[:]) {
				t.Fatal("the downloaded file differs from the uploaded one")
			}
			if chunks < 2 {
				t.Fatalf("%d chunks: a 6 MiB file should arrive in several", chunks)
			}
		})

		t.Run("meta and list report sizes as int64", func(t *testing.T) {
			meta, err := files.GetMeta(ctx, &runtimev1.GetFileMetaRequest{Request: &runtimev1.FileRequest{StoreName: store, Name: name}})
			if err != nil {
				t.Fatal(err)
			}
			if meta.GetSize() != int64(len(content)) || meta.GetLastModified() == "" {
				t.Fatalf("meta: size %d last modified %q, want size %d", meta.GetSize(), meta.GetLastModified(), len(content))
			}
			list, err := files.List(ctx, &runtimev1.ListFileRequest{Request: &runtimev1.FileRequest{StoreName: store, Name: dir + "/"}, PageSize: 10})
			if err != nil {
				t.Fatal(err)
			}
			sizes := map[string]int64{}
			for _, f := range list.GetFiles() {
				sizes[path.Base(f.GetFileName())] = f.GetSize()
			}
			want := map[string]int64{"big.bin": int64(len(content)), "small.txt": 5}
			if !maps.Equal(sizes, want) || list.GetIsTruncated() {
				t.Fatalf("listing %s/: %v (truncated %v), want %v", dir, sizes, list.GetIsTruncated(), want)
			}
		})

		t.Run("a put whose producer fails stores nothing", func(t *testing.T) {
			broken := dir + "/broken.bin"
			failure := errors.New("the source broke")
			err := files.Put(ctx, func(send func(*runtimev1.PutFileRequest) error) error {
				if err := send(&runtimev1.PutFileRequest{StoreName: store, Name: broken, Data: content[:1<<20]}); err != nil {
					return err
				}
				return failure
			})
			if !errors.Is(err, failure) {
				t.Fatalf("got %v, want the producer's own error", err)
			}
			_, err = files.GetMeta(ctx, &runtimev1.GetFileMetaRequest{Request: &runtimev1.FileRequest{StoreName: store, Name: broken}})
			assertCode(t, err, codes.NotFound, "GetFileMeta")
		})

		t.Run("delete removes the file; a get then fails with NOT_FOUND", func(t *testing.T) {
			if err := files.Delete(ctx, &runtimev1.DelFileRequest{Request: &runtimev1.FileRequest{StoreName: store, Name: name}}); err != nil {
				t.Fatal(err)
			}
			var last error
			for _, err := range files.Get(ctx, &runtimev1.GetFileRequest{StoreName: store, Name: name}) {
				last = err
			}
			assertCode(t, last, codes.NotFound, "GetFile")
		})
	})
}

func TestFilePutToAnUnknownStoreFails(t *testing.T) {
	// The sidecar refuses the call after the client has sent: the error comes with the reply.
	err := client.File.Put(testContext(t), func(send func(*runtimev1.PutFileRequest) error) error {
		return send(&runtimev1.PutFileRequest{StoreName: "nope", Name: "a.txt", Data: []byte("a")})
	})
	assertCode(t, err, codes.InvalidArgument, "PutFile")
}
