package layer8_test

import (
	"context"
	"testing"
	"time"

	"google.golang.org/grpc/codes"

	"github.com/layer8dev/layer8/sdks/go/layer8"
	"github.com/layer8dev/layer8/sdks/go/runtimev1"
)

// JSON whose number a float64 would round: it must arrive as its exact source text.
const orderJSON = `{"order":9007199254740993}`

func TestPubSubDeliveryToTheAppCallback(t *testing.T) {
	forEachBackend(t, "pubsub", func(t *testing.T, pubsub string) {
		ctx := testContext(t)
		skipIfPubSubIsNotServed(t, ctx, pubsub)

		t.Run("Success acknowledges: the event arrives once, as published", func(t *testing.T) {
			topic := appTopic(pubsub, topicAck)
			waitUntilSubscribed(t, ctx, pubsub, topic)
			publish(t, ctx, pubsub, topic, orderJSON)
			event := receive(t, topic)
			if string(event.GetData()) != orderJSON || event.GetDataContentType() != "application/json" {
				t.Fatalf("got data %q type %q, want %q as application/json", event.GetData(), event.GetDataContentType(), orderJSON)
			}
			if event.GetTopic() != topic || event.GetPubsubName() != pubsub || event.GetId() == "" || event.GetSpecVersion() != "1.0" {
				t.Fatalf("envelope: topic %q pubsub %q id %q specversion %q", event.GetTopic(), event.GetPubsubName(), event.GetId(), event.GetSpecVersion())
			}
			expectNothing(t, topic, 500*time.Millisecond)
		})

		for _, kind := range []string{topicRetry, topicError} {
			t.Run("redelivers after "+map[string]string{topicRetry: "Retry", topicError: "a handler error"}[kind], func(t *testing.T) {
				topic := appTopic(pubsub, kind)
				waitUntilSubscribed(t, ctx, pubsub, topic)
				publish(t, ctx, pubsub, topic, "again")
				first, second := receive(t, topic), receive(t, topic)
				if first.GetId() != second.GetId() || string(second.GetData()) != "again" {
					t.Fatalf("ids %q then %q, data %q: want the same event twice", first.GetId(), second.GetId(), second.GetData())
				}
				expectNothing(t, topic, 500*time.Millisecond)
			})
		}

		t.Run("Drop discards the event", func(t *testing.T) {
			topic := appTopic(pubsub, topicDrop)
			waitUntilSubscribed(t, ctx, pubsub, topic)
			publish(t, ctx, pubsub, topic, "unwanted")
			receive(t, topic)
			// Retries come after 50-200 ms here: a second delivery would show within a second.
			expectNothing(t, topic, time.Second)
		})
	})
}

func TestPubSubStreamingSubscription(t *testing.T) {
	forEachBackend(t, "pubsub", func(t *testing.T, pubsub string) {
		ctx := testContext(t)
		skipIfPubSubIsNotServed(t, ctx, pubsub)
		topic := key(t, "stream")

		sub, err := client.Pubsub.Subscribe(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer sub.Close()
		err = sub.Send(&runtimev1.SubscribeTopicEventsRequest{SubscribeTopicEventsRequestType: &runtimev1.SubscribeTopicEventsRequest_InitialRequest{
			InitialRequest: &runtimev1.SubscribeTopicEventsRequestInitial{PubsubName: pubsub, Topic: topic},
		}})
		if err != nil {
			t.Fatal(err)
		}
		if first := recvWithin(t, sub.Recv, 15*time.Second); first.GetInitialResponse() == nil {
			t.Fatalf("the first message is %v, want the initial response", first)
		}

		publish(t, ctx, pubsub, topic, "one")
		event := recvWithin(t, sub.Recv, 15*time.Second).GetEventMessage()
		if string(event.GetData()) != "one" {
			t.Fatalf("got %v, want the event with data one", event)
		}
		// RETRY: the same event comes again; then SUCCESS settles it.
		ack := func(id string, status layer8.TopicEventStatus) {
			t.Helper()
			err := sub.Send(&runtimev1.SubscribeTopicEventsRequest{SubscribeTopicEventsRequestType: &runtimev1.SubscribeTopicEventsRequest_EventProcessed{
				EventProcessed: &runtimev1.SubscribeTopicEventsRequestProcessed{Id: id, Status: &runtimev1.TopicEventResponse{Status: status}},
			}})
			if err != nil {
				t.Fatal(err)
			}
		}
		ack(event.GetId(), layer8.Retry)
		again := recvWithin(t, sub.Recv, 15*time.Second).GetEventMessage()
		if again.GetId() != event.GetId() {
			t.Fatalf("after RETRY got event %q, want %q again", again.GetId(), event.GetId())
		}
		ack(again.GetId(), layer8.Success)

		publish(t, ctx, pubsub, topic, "two")
		next := recvWithin(t, sub.Recv, 15*time.Second).GetEventMessage()
		if string(next.GetData()) != "two" {
			t.Fatalf("got %q, want the next event, two", next.GetData())
		}
		ack(next.GetId(), layer8.Success)
	})
}

// skipIfPubSubIsNotServed skips when this sidecar build does not serve pub/sub yet.
func skipIfPubSubIsNotServed(t *testing.T, ctx context.Context, pubsub string) {
	t.Helper()
	err := client.Pubsub.Publish(ctx, &runtimev1.PublishEventRequest{PubsubName: pubsub, Topic: key(t, "served"), Data: []byte(probeData)})
	if layer8.CodeOf(err) == codes.Unimplemented {
		t.Skipf("the sidecar answers PublishEvent with UNIMPLEMENTED (%v): pub/sub is not served by this build", err)
	}
	if err != nil {
		t.Fatal(err)
	}
}

func publish(t *testing.T, ctx context.Context, pubsub, topic, data string) {
	t.Helper()
	contentType := "text/plain"
	if data == orderJSON {
		contentType = "application/json"
	}
	err := client.Pubsub.Publish(ctx, &runtimev1.PublishEventRequest{PubsubName: pubsub, Topic: topic, Data: []byte(data), DataContentType: contentType})
	if err != nil {
		t.Fatal(err)
	}
}

// waitUntilSubscribed publishes probes until one reaches the app: the sidecar subscribes the
// app's topics in the background after it starts, and an event published before a subscription
// exists does not reach it.
func waitUntilSubscribed(t *testing.T, ctx context.Context, pubsub, topic string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		publish(t, ctx, pubsub, topic, probeData)
		select {
		case <-app.probes[topic]:
			// Drain probes still under way so that later tests see only their own events.
			for {
				select {
				case <-app.probes[topic]:
				case <-time.After(300 * time.Millisecond):
					return
				}
			}
		case <-time.After(300 * time.Millisecond):
		}
	}
	t.Fatalf("the app's subscription to %s of %s did not become live within 20 s", topic, pubsub)
}

func receive(t *testing.T, topic string) *runtimev1.TopicEventRequest {
	t.Helper()
	select {
	case event := <-app.deliveries[topic]:
		return event
	case <-time.After(15 * time.Second):
		t.Fatalf("no event reached the app on %s within 15 s", topic)
		return nil
	}
}

func expectNothing(t *testing.T, topic string, wait time.Duration) {
	t.Helper()
	select {
	case event := <-app.deliveries[topic]:
		t.Fatalf("an unexpected delivery on %s: id %q data %q", topic, event.GetId(), event.GetData())
	case <-time.After(wait):
	}
}
