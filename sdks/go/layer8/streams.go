package layer8

import (
	"context"
	"errors"
	"io"
	"iter"
	"sync"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
)

// The generic halves of the generated streaming methods: one implementation per streaming
// kind, so every rpc of a kind behaves the same and the generated code stays a thin table.

// receiveAll runs a server-streaming call when the sequence is ranged over, yielding each reply
// and then, if the call failed, one (nil, *Error). Leaving the loop early ends the call.
// Ranging again makes a new call.
func receiveAll[Res any](ctx context.Context, rpc string, open func(context.Context) (grpc.ServerStreamingClient[Res], error)) iter.Seq2[*Res, error] {
	return func(yield func(*Res, error) bool) {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		stream, err := open(ctx)
		if err != nil {
			yield(nil, callError(rpc, err))
			return
		}
		for {
			res, err := stream.Recv()
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil {
				yield(nil, callError(rpc, err))
				return
			}
			if !yield(res, nil) {
				return
			}
		}
	}
}

// sendAll runs a client-streaming call: produce sends the requests, one at a time, with send;
// then the call completes and its reply is returned. If produce returns an error, the call is
// cancelled rather than completed (so the sidecar discards a half-sent upload) and that error
// is returned as it is. send returns an *Error once the call has failed; produce should stop
// and return it.
func sendAll[Req, Res any](ctx context.Context, rpc string, open func(context.Context) (grpc.ClientStreamingClient[Req, Res], error), produce func(send func(*Req) error) error) (*Res, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stream, err := open(ctx)
	if err != nil {
		return nil, callError(rpc, err)
	}
	var failed error
	send := func(req *Req) error {
		if failed != nil {
			return failed
		}
		if err := stream.Send(req); err != nil {
			failed = endedError(rpc, err, func() error {
				_, err := stream.CloseAndRecv()
				return err
			})
			return failed
		}
		return nil
	}
	if err := produce(send); err != nil {
		cancel()
		return nil, err
	}
	if failed != nil {
		return nil, failed
	}
	res, err := stream.CloseAndRecv()
	if err != nil {
		return nil, callError(rpc, err)
	}
	return res, nil
}

// endedError is the error of a Send that failed. gRPC's Send answers io.EOF when the call has
// ended, and the reason is the call's status, which finish reads.
func endedError(rpc string, err error, finish func() error) error {
	if !errors.Is(err, io.EOF) {
		return callError(rpc, err)
	}
	if err := finish(); err != nil && !errors.Is(err, io.EOF) {
		return callError(rpc, err)
	}
	return newError(rpc, codes.Aborted, "the sidecar ended the call before the client finished sending")
}

// Stream is a bidirectional call: Send requests and range over Receive for replies, at the
// same time from two goroutines if need be (one sender, one receiver). Close ends it.
type Stream[Req, Res any] struct {
	rpc       string
	stream    grpc.BidiStreamingClient[Req, Res]
	cancel    context.CancelFunc
	closeOnce sync.Once
}

func openStream[Req, Res any](ctx context.Context, rpc string, open func(context.Context) (grpc.BidiStreamingClient[Req, Res], error)) (*Stream[Req, Res], error) {
	ctx, cancel := context.WithCancel(ctx)
	stream, err := open(ctx)
	if err != nil {
		cancel()
		return nil, callError(rpc, err)
	}
	return &Stream[Req, Res]{rpc: rpc, stream: stream, cancel: cancel}, nil
}

// Send sends one request. Once the call has ended it returns an error; Receive then yields
// the reason.
func (s *Stream[Req, Res]) Send(req *Req) error {
	if err := s.stream.Send(req); err != nil {
		if errors.Is(err, io.EOF) {
			return newError(s.rpc, codes.Aborted, "the call has ended; Recv returns its status")
		}
		return callError(s.rpc, err)
	}
	return nil
}

// CloseSend tells the sidecar that no more requests follow; replies keep coming.
func (s *Stream[Req, Res]) CloseSend() error {
	if err := s.stream.CloseSend(); err != nil {
		return callError(s.rpc, err)
	}
	return nil
}

// Recv returns the next reply, io.EOF once the sidecar has ended the call normally, or an
// *Error.
func (s *Stream[Req, Res]) Recv() (*Res, error) {
	res, err := s.stream.Recv()
	if errors.Is(err, io.EOF) {
		return nil, io.EOF
	}
	if err != nil {
		return nil, callError(s.rpc, err)
	}
	return res, nil
}

// Receive yields each reply until the call ends; if it failed, the last pair is (nil, *Error).
// Leaving the loop early does not end the call (Close does).
func (s *Stream[Req, Res]) Receive() iter.Seq2[*Res, error] {
	return func(yield func(*Res, error) bool) {
		for {
			res, err := s.Recv()
			if errors.Is(err, io.EOF) {
				return
			}
			if !yield(res, err) || err != nil {
				return
			}
		}
	}
}

// Header returns the response headers the sidecar sent, waiting for them if need be.
func (s *Stream[Req, Res]) Header() (map[string][]string, error) {
	md, err := s.stream.Header()
	if err != nil {
		return nil, callError(s.rpc, err)
	}
	return md, nil
}

// Close ends the call (cancelling it if it is still running) and releases its resources. It is
// safe to call more than once, and from any goroutine.
func (s *Stream[Req, Res]) Close() {
	s.closeOnce.Do(s.cancel)
}
