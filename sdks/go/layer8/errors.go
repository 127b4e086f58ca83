package layer8

import (
	"errors"
	"fmt"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// Error is the one error type of the client: every failed call returns an *Error with the
// gRPC status code and the sidecar's message, so callers branch on Code rather than on text.
// status.Code(err) and status.FromError(err) work on it too.
type Error struct {
	// RPC is the rpc that failed, e.g. "GetState".
	RPC string
	// Code is the gRPC status code, e.g. codes.NotFound or codes.Aborted (an etag mismatch).
	Code codes.Code
	// Message is the sidecar's message, naming the component, the field and the reason.
	Message string

	status *status.Status
}

func (e *Error) Error() string {
	return fmt.Sprintf("layer8: %s: %s: %s", e.RPC, e.Code, e.Message)
}

// GRPCStatus returns the status the sidecar answered, with any details it attached.
func (e *Error) GRPCStatus() *status.Status { return e.status }

// CodeOf returns the gRPC status code of err: codes.OK for nil, codes.Unknown for an error that
// did not come from a call.
func CodeOf(err error) codes.Code {
	if err == nil {
		return codes.OK
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return status.Code(err)
}

// callError turns what a stub returned into an *Error. A context that ended before or during
// the call maps to Canceled or DeadlineExceeded, as gRPC itself reports it.
func callError(rpc string, err error) error {
	st, ok := status.FromError(err)
	if !ok {
		st = status.FromContextError(err)
	}
	return &Error{RPC: rpc, Code: st.Code(), Message: st.Message(), status: st}
}

// newError is an *Error the client itself reports, e.g. a Send on a call that has ended.
func newError(rpc string, code codes.Code, message string) *Error {
	return &Error{RPC: rpc, Code: code, Message: message, status: status.New(code, message)}
}
