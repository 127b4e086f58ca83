package layer8

import (
	"context"
	"io"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"
)

// APITokenHeader is the request header that carries the sidecar's API token (config
// `security.apiToken` or LAYER8_API_TOKEN on the sidecar).
const APITokenHeader = "layer8-api-token"

// DefaultMaxMessageBytes is the largest message a call sends or receives unless
// WithMaxMessageBytes says otherwise: the sidecar's own default, so that a 4 MiB state value,
// which gRPC's usual 4 MiB limit would refuse once framed, goes through.
const DefaultMaxMessageBytes = 16 * 1024 * 1024

// Option configures Dial.
type Option func(*dialSettings)

type dialSettings struct {
	token           string
	creds           credentials.TransportCredentials
	maxMessageBytes int
	grpcOptions     []grpc.DialOption
}

// WithAPIToken sends token in the layer8-api-token header of every call, for a sidecar that
// requires one. An empty token sends nothing.
func WithAPIToken(token string) Option {
	return func(s *dialSettings) { s.token = token }
}

// WithTransportCredentials connects with TLS (or other credentials) instead of plaintext.
// Plaintext is the default because the sidecar usually listens on loopback next to the app.
func WithTransportCredentials(creds credentials.TransportCredentials) Option {
	return func(s *dialSettings) { s.creds = creds }
}

// WithMaxMessageBytes sets the largest message a call may send or receive. Default
// DefaultMaxMessageBytes.
func WithMaxMessageBytes(n int) Option {
	return func(s *dialSettings) { s.maxMessageBytes = n }
}

// WithGRPCOptions passes further options to grpc.NewClient (interceptors, keepalive, ...);
// they apply after the ones above.
func WithGRPCOptions(opts ...grpc.DialOption) Option {
	return func(s *dialSettings) { s.grpcOptions = append(s.grpcOptions, opts...) }
}

// Dial returns a Client for the sidecar at address: `host:port` (e.g. "127.0.0.1:34904", the
// sidecar's default) or `unix:/path/to/socket`. Like grpc.NewClient it does not connect yet:
// the first call does, and reports an unreachable sidecar as an *Error with codes.Unavailable.
// Close the Client when done.
func Dial(address string, opts ...Option) (*Client, error) {
	settings := dialSettings{creds: insecure.NewCredentials(), maxMessageBytes: DefaultMaxMessageBytes}
	for _, opt := range opts {
		opt(&settings)
	}
	grpcOpts := []grpc.DialOption{
		grpc.WithTransportCredentials(settings.creds),
		grpc.WithDefaultCallOptions(
			grpc.MaxCallRecvMsgSize(settings.maxMessageBytes),
			grpc.MaxCallSendMsgSize(settings.maxMessageBytes),
		),
	}
	if settings.token != "" {
		grpcOpts = append(grpcOpts, grpc.WithPerRPCCredentials(apiToken{
			token:  settings.token,
			secure: settings.creds.Info().SecurityProtocol != "insecure",
		}))
	}
	conn, err := grpc.NewClient(address, append(grpcOpts, settings.grpcOptions...)...)
	if err != nil {
		return nil, err
	}
	return NewClient(conn), nil
}

// Close closes the client's connection (a connection given to NewClient too, if it can be
// closed). Calls in flight fail with codes.Canceled.
func (c *Client) Close() error {
	if closer, ok := c.conn.(io.Closer); ok {
		return closer.Close()
	}
	return nil
}

// Conn returns the connection the client calls over, e.g. to make calls of services the
// client has no section for (such as grpc.health.v1.Health).
func (c *Client) Conn() grpc.ClientConnInterface { return c.conn }

// apiToken puts the token in the header of each call. It lets the token travel over plaintext
// when the connection is plaintext: the sidecar normally sits on loopback next to the app.
type apiToken struct {
	token  string
	secure bool
}

func (t apiToken) GetRequestMetadata(context.Context, ...string) (map[string]string, error) {
	return map[string]string{APITokenHeader: t.token}, nil
}

func (t apiToken) RequireTransportSecurity() bool { return t.secure }
