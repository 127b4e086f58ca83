package layer8_test

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/layer8dev/layer8/sdks/go/layer8"
	"github.com/layer8dev/layer8/sdks/go/runtimev1"
)

// testApp is the application side of pub/sub delivery: a layer8.AppCallback, served on a free
// port, whose handlers record every delivery of their topic.
type testApp struct {
	address    string
	mu         sync.Mutex
	deliveries map[string]chan *runtimev1.TopicEventRequest
	probes     map[string]chan struct{}
	attempts   map[string]int // by event id
}

// probeData marks the events that only check a subscription is live: every handler
// acknowledges them and records them apart.
const probeData = "probe"

// The topics the app subscribes to on each pub/sub component, and how their handlers answer.
const (
	topicAck   = "ack"   // Success
	topicRetry = "retry" // Retry on the first attempt at each event, Success after
	topicError = "error" // an error on the first attempt, Success after
	topicDrop  = "drop"  // Drop
)

func appTopic(pubsub, kind string) string { return fmt.Sprintf("go-%s-%s-%s", runID, pubsub, kind) }

func startTestApp(ctx context.Context) (*testApp, error) {
	a := &testApp{
		deliveries: map[string]chan *runtimev1.TopicEventRequest{},
		probes:     map[string]chan struct{}{},
		attempts:   map[string]int{},
	}
	callback := layer8.NewAppCallback()
	for _, pubsub := range backendsOf["pubsub"] {
		if skipReason(pubsub) != "" {
			continue
		}
		for _, kind := range []string{topicAck, topicRetry, topicError, topicDrop} {
			topic := appTopic(pubsub, kind)
			a.deliveries[topic] = make(chan *runtimev1.TopicEventRequest, 100)
			a.probes[topic] = make(chan struct{}, 100)
			callback.Subscribe(pubsub, topic, nil, a.handler(kind))
		}
	}
	ready := make(chan string, 1)
	failed := make(chan error, 1)
	go func() { failed <- callback.ListenAndServe(ctx, "127.0.0.1:0", func(addr string) { ready <- addr }) }()
	select {
	case a.address = <-ready:
		return a, nil
	case err := <-failed:
		return nil, err
	}
}

func (a *testApp) handler(kind string) layer8.TopicHandler {
	return func(_ context.Context, event *runtimev1.TopicEventRequest) (layer8.TopicEventStatus, error) {
		if string(event.GetData()) == probeData {
			a.probes[event.GetTopic()] <- struct{}{}
			return layer8.Success, nil
		}
		a.mu.Lock()
		a.attempts[event.GetId()]++
		first := a.attempts[event.GetId()] == 1
		a.mu.Unlock()
		a.deliveries[event.GetTopic()] <- event
		switch {
		case kind == topicRetry && first:
			return layer8.Retry, nil
		case kind == topicError && first:
			return 0, errors.New("the first attempt fails")
		case kind == topicDrop:
			return layer8.Drop, nil
		default:
			return layer8.Success, nil
		}
	}
}
