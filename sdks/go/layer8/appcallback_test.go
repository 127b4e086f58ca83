package layer8_test

import (
	"context"
	"testing"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/layer8dev/layer8/sdks/go/layer8"
	"github.com/layer8dev/layer8/sdks/go/runtimev1"
)

// How AppCallback answers what the sidecar would send it, called in-process: the cases the
// live pub/sub tests do not reach.
func TestAppCallbackAnswers(t *testing.T) {
	ctx := context.Background()
	callback := layer8.NewAppCallback()
	callback.Subscribe("events", "orders", map[string]string{"consumerID": "billing"}, func(context.Context, *runtimev1.TopicEventRequest) (layer8.TopicEventStatus, error) {
		panic("a bug in the handler")
	})
	callback.Subscribe("events", "odd", nil, func(context.Context, *runtimev1.TopicEventRequest) (layer8.TopicEventStatus, error) {
		return layer8.TopicEventStatus(7), nil
	})

	t.Run("lists each subscription once, a repeated Subscribe replacing the first", func(t *testing.T) {
		callback.Subscribe("events", "odd", map[string]string{"concurrency": "2"}, func(context.Context, *runtimev1.TopicEventRequest) (layer8.TopicEventStatus, error) {
			return layer8.TopicEventStatus(7), nil
		})
		list, err := callback.ListTopicSubscriptions(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		subs := list.GetSubscriptions()
		if len(subs) != 2 || subs[0].GetTopic() != "orders" || subs[0].GetMetadata()["consumerID"] != "billing" ||
			subs[1].GetTopic() != "odd" || subs[1].GetMetadata()["concurrency"] != "2" {
			t.Fatalf("got %v", subs)
		}
	})
	t.Run("drops an event of a topic with no handler", func(t *testing.T) {
		res, err := callback.OnTopicEvent(ctx, &runtimev1.TopicEventRequest{PubsubName: "events", Topic: "unknown"})
		if err != nil || res.GetStatus() != layer8.Drop {
			t.Fatalf("got %v, %v; want DROP", res, err)
		}
	})
	t.Run("a panicking handler answers INTERNAL, which the sidecar retries", func(t *testing.T) {
		_, err := callback.OnTopicEvent(ctx, &runtimev1.TopicEventRequest{PubsubName: "events", Topic: "orders"})
		if status.Code(err) != codes.Internal {
			t.Fatalf("got %v, want INTERNAL", err)
		}
	})
	t.Run("a verdict that is not Success, Retry or Drop answers INTERNAL", func(t *testing.T) {
		_, err := callback.OnTopicEvent(ctx, &runtimev1.TopicEventRequest{PubsubName: "events", Topic: "odd"})
		if status.Code(err) != codes.Internal {
			t.Fatalf("got %v, want INTERNAL", err)
		}
	})
}
