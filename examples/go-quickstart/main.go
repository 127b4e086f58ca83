// Command go-quickstart uses every building block of a Layer8 sidecar from Go: state (with an
// etag), sequencer, lock, configuration, files and pub/sub. Start a sidecar with `npm start` at
// the repository's root, then `go run .` here.
//
// LAYER8_ADDRESS overrides the sidecar's address (default 127.0.0.1:34904, what `npm start`
// listens on) and LAYER8_API_TOKEN sets the API token for a sidecar that requires one.
package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/layer8dev/layer8/sdks/go/layer8"
	"github.com/layer8dev/layer8/sdks/go/runtimev1"
	"google.golang.org/grpc/codes"
)

// store names the component of every block: the sidecar's embedded defaults are all "default".
const store = "default"

func main() {
	address := os.Getenv("LAYER8_ADDRESS")
	if address == "" {
		address = "127.0.0.1:34904"
	}
	client, err := layer8.Dial(address, layer8.WithAPIToken(os.Getenv("LAYER8_API_TOKEN")))
	if err != nil {
		fmt.Fprintln(os.Stderr, "go-quickstart:", err)
		os.Exit(1)
	}
	defer client.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := run(ctx, client, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "go-quickstart:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, client *layer8.Client, out io.Writer) error {
	hello, err := client.Runtime.SayHello(ctx, &runtimev1.SayHelloRequest{Name: "go-quickstart"})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "connected: %s\n", hello.GetHello())

	steps := []func(context.Context, *layer8.Client, io.Writer) error{state, sequencer, lock, configuration, files, pubsub}
	for _, step := range steps {
		if err := step(ctx, client, out); err != nil {
			return err
		}
	}
	return nil
}

// state saves a key, updates it with the etag it read, and shows a stale etag refused.
func state(ctx context.Context, client *layer8.Client, out io.Writer) error {
	save := func(value, etag string) error {
		item := &runtimev1.StateItem{Key: "order-1", Value: []byte(value)}
		if etag != "" {
			item.Etag = &runtimev1.Etag{Value: etag}
		}
		return client.State.Save(ctx, &runtimev1.SaveStateRequest{StoreName: store, States: []*runtimev1.StateItem{item}})
	}
	if err := save(`{"status":"new"}`, ""); err != nil {
		return err
	}
	first, err := client.State.Get(ctx, &runtimev1.GetStateRequest{StoreName: store, Key: "order-1"})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "state: read order-1 = %s\n", first.GetData())
	if err := save(`{"status":"paid"}`, first.GetEtag()); err != nil {
		return err
	}
	// A second writer still holding the first etag is refused: its write would lose ours.
	err = save(`{"status":"cancelled"}`, first.GetEtag())
	if layer8.CodeOf(err) != codes.Aborted {
		return fmt.Errorf("a write with a stale etag answered %v, not ABORTED", err)
	}
	fmt.Fprintln(out, "state: a write with a stale etag was refused with ABORTED")
	return nil
}

func sequencer(ctx context.Context, client *layer8.Client, out io.Writer) error {
	res, err := client.Sequencer.GetNextId(ctx, &runtimev1.GetNextIdRequest{StoreName: store, Key: "orders"})
	if err != nil {
		return err
	}
	// An int64: ids above 2^53 stay exact.
	fmt.Fprintf(out, "sequencer: next order id %d\n", res.GetNextId())
	return nil
}

func lock(ctx context.Context, client *layer8.Client, out io.Writer) error {
	taken, err := client.Lock.TryLock(ctx, &runtimev1.TryLockRequest{StoreName: store, ResourceId: "order-1", LockOwner: "worker-1", Expire: 10})
	if err != nil {
		return err
	}
	if !taken.GetSuccess() {
		return errors.New("order-1 is locked by someone else")
	}
	released, err := client.Lock.Unlock(ctx, &runtimev1.UnlockRequest{StoreName: store, ResourceId: "order-1", LockOwner: "worker-1"})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "lock: took and released order-1 (%s)\n", released.GetStatus())
	return nil
}

func configuration(ctx context.Context, client *layer8.Client, out io.Writer) error {
	err := client.Configuration.Save(ctx, &runtimev1.SaveConfigurationRequest{StoreName: store, Items: []*runtimev1.ConfigurationItem{
		{Key: "checkout.enabled", Content: "true"},
	}})
	if err != nil {
		return err
	}
	got, err := client.Configuration.Get(ctx, &runtimev1.GetConfigurationRequest{StoreName: store, Keys: []string{"checkout.enabled"}})
	if err != nil {
		return err
	}
	for _, item := range got.GetItems() {
		fmt.Fprintf(out, "configuration: %s = %s\n", item.GetKey(), item.GetContent())
	}
	return nil
}

// files uploads a file in chunks and streams it back.
func files(ctx context.Context, client *layer8.Client, out io.Writer) error {
	chunks := []string{"hello ", "from ", "Go"}
	err := client.File.Put(ctx, func(send func(*runtimev1.PutFileRequest) error) error {
		for _, chunk := range chunks {
			if err := send(&runtimev1.PutFileRequest{StoreName: store, Name: "greeting.txt", Data: []byte(chunk)}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	var content bytes.Buffer
	for chunk, err := range client.File.Get(ctx, &runtimev1.GetFileRequest{StoreName: store, Name: "greeting.txt"}) {
		if err != nil {
			return err
		}
		content.Write(chunk.GetData())
	}
	fmt.Fprintf(out, "file: greeting.txt = %s\n", content.String())
	return nil
}

// pubsub subscribes to a topic over a stream, publishes to it and acknowledges what arrives.
func pubsub(ctx context.Context, client *layer8.Client, out io.Writer) error {
	sub, err := client.Pubsub.Subscribe(ctx)
	if err != nil {
		return err
	}
	defer sub.Close()
	err = sub.Send(&runtimev1.SubscribeTopicEventsRequest{SubscribeTopicEventsRequestType: &runtimev1.SubscribeTopicEventsRequest_InitialRequest{
		InitialRequest: &runtimev1.SubscribeTopicEventsRequestInitial{PubsubName: store, Topic: "orders"},
	}})
	if err != nil {
		return err
	}
	// The sidecar confirms the subscription first: from then on every event reaches it.
	if _, err := sub.Recv(); err != nil {
		return err
	}
	err = client.Pubsub.Publish(ctx, &runtimev1.PublishEventRequest{PubsubName: store, Topic: "orders", Data: []byte(`{"order":1}`), DataContentType: "application/json"})
	if err != nil {
		return err
	}
	res, err := sub.Recv()
	if err != nil {
		return err
	}
	event := res.GetEventMessage()
	fmt.Fprintf(out, "pubsub: received %s on %s\n", event.GetData(), event.GetTopic())
	return sub.Send(&runtimev1.SubscribeTopicEventsRequest{SubscribeTopicEventsRequestType: &runtimev1.SubscribeTopicEventsRequest_EventProcessed{
		EventProcessed: &runtimev1.SubscribeTopicEventsRequestProcessed{Id: event.GetId(), Status: &runtimev1.TopicEventResponse{Status: layer8.Success}},
	}})
}
