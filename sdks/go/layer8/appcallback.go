package layer8

import (
	"context"
	"errors"
	"fmt"
	"net"
	"sync"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/emptypb"

	"github.com/layer8dev/layer8/sdks/go/runtimev1"
)

// TopicEventStatus is an app's verdict on a delivered event.
type TopicEventStatus = runtimev1.TopicEventResponse_TopicEventResponseStatus

const (
	// Success acknowledges the event: it was processed.
	Success TopicEventStatus = runtimev1.TopicEventResponse_SUCCESS
	// Retry asks for the event again later (with the component's backoff).
	Retry TopicEventStatus = runtimev1.TopicEventResponse_RETRY
	// Drop discards the event without retrying (to the dead-letter topic, if one is set).
	Drop TopicEventStatus = runtimev1.TopicEventResponse_DROP
)

// TopicHandler handles one event of a subscribed topic and answers how to settle it. A handler
// that returns an error or panics gets the event again later, as with Retry.
type TopicHandler func(ctx context.Context, event *runtimev1.TopicEventRequest) (TopicEventStatus, error)

// AppCallback is the app's side of pub/sub delivery: the gRPC service AppCallback that the
// sidecar calls, first to list the app's subscriptions, then with each event. Register a
// handler per topic with Subscribe, then Serve; point the sidecar at the address with
// `app: { grpcCallback: "host:port" }` in its config. The sidecar reads the subscriptions when it
// reaches the app, so subscribe before serving.
type AppCallback struct {
	runtimev1.UnimplementedAppCallbackServer

	mu            sync.RWMutex
	subscriptions []*runtimev1.TopicSubscription
	handlers      map[topicKey]TopicHandler
}

type topicKey struct{ pubsubName, topic string }

// NewAppCallback returns an AppCallback with no subscriptions.
func NewAppCallback() *AppCallback {
	return &AppCallback{handlers: map[topicKey]TopicHandler{}}
}

// Subscribe routes the events of topic, from the pub/sub component pubsubName, to handler.
// metadata holds subscription options, e.g. "consumerID" or "deadLetterTopic"; it may be nil.
// Subscribing to the same topic again replaces its handler and metadata.
func (a *AppCallback) Subscribe(pubsubName, topic string, metadata map[string]string, handler TopicHandler) {
	a.mu.Lock()
	defer a.mu.Unlock()
	key := topicKey{pubsubName, topic}
	subscription := &runtimev1.TopicSubscription{PubsubName: pubsubName, Topic: topic, Metadata: metadata}
	if _, known := a.handlers[key]; known {
		for i, s := range a.subscriptions {
			if s.PubsubName == pubsubName && s.Topic == topic {
				a.subscriptions[i] = subscription
			}
		}
	} else {
		a.subscriptions = append(a.subscriptions, subscription)
	}
	a.handlers[key] = handler
}

// ListTopicSubscriptions answers the sidecar with the subscriptions registered so far.
func (a *AppCallback) ListTopicSubscriptions(context.Context, *emptypb.Empty) (*runtimev1.ListTopicSubscriptionsResponse, error) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	list := make([]*runtimev1.TopicSubscription, len(a.subscriptions))
	copy(list, a.subscriptions)
	return &runtimev1.ListTopicSubscriptionsResponse{Subscriptions: list}, nil
}

// OnTopicEvent runs the handler of the event's topic. An event of a topic with no handler is
// dropped: asking again would not find one either.
func (a *AppCallback) OnTopicEvent(ctx context.Context, event *runtimev1.TopicEventRequest) (res *runtimev1.TopicEventResponse, err error) {
	a.mu.RLock()
	handler := a.handlers[topicKey{event.GetPubsubName(), event.GetTopic()}]
	a.mu.RUnlock()
	if handler == nil {
		return &runtimev1.TopicEventResponse{Status: Drop}, nil
	}
	defer func() {
		// A panicking handler must not take the app down; the event is redelivered instead.
		if p := recover(); p != nil {
			res, err = nil, status.Errorf(codes.Internal, "the handler of topic %q panicked: %v", event.GetTopic(), p)
		}
	}()
	verdict, err := handler(ctx, event)
	if err != nil {
		return nil, status.Errorf(codes.Internal, "the handler of topic %q failed: %v", event.GetTopic(), err)
	}
	switch verdict {
	case Success, Retry, Drop:
		return &runtimev1.TopicEventResponse{Status: verdict}, nil
	default:
		return nil, status.Errorf(codes.Internal, "the handler of topic %q answered %d, not Success, Retry or Drop", event.GetTopic(), verdict)
	}
}

// Serve serves AppCallback on lis until ctx ends, then stops gracefully (calls in flight
// finish). It returns nil after ctx ends, or the error that stopped the server.
func (a *AppCallback) Serve(ctx context.Context, lis net.Listener, opts ...grpc.ServerOption) error {
	server := grpc.NewServer(opts...)
	runtimev1.RegisterAppCallbackServer(server, a)
	stopped := make(chan struct{})
	defer close(stopped)
	go func() {
		select {
		case <-ctx.Done():
			server.GracefulStop()
		case <-stopped:
		}
	}()
	if err := server.Serve(lis); err != nil && !errors.Is(err, grpc.ErrServerStopped) {
		return err
	}
	return nil
}

// ListenAndServe listens on address (`host:port`; port 0 picks a free one) and serves until ctx
// ends. ready, if not nil, receives the address listened on once it is listening.
func (a *AppCallback) ListenAndServe(ctx context.Context, address string, ready func(addr string)) error {
	lis, err := net.Listen("tcp", address)
	if err != nil {
		return fmt.Errorf("layer8: AppCallback cannot listen on %s: %w", address, err)
	}
	if ready != nil {
		ready(lis.Addr().String())
	}
	return a.Serve(ctx, lis)
}
