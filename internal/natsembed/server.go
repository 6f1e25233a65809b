package natsembed

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"strconv"
	"sync"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// ErrNotReady is returned when the server or its cluster did not become ready
// before the deadline.
var ErrNotReady = errors.New("natsembed: server not ready")

// Config describes one embedded server.
type Config struct {
	Name        string   // server name, unique in the cluster (required for a cluster)
	Dir         string   // JetStream storage directory
	Host        string   // client and route host; "" means 127.0.0.1
	Port        int      // client port; 0 or -1 picks a free one
	Cluster     string   // cluster name; "" runs a single node
	ClusterPort int      // route port; -1 picks a free one
	Routes      []string // other nodes' route addresses, "host:port" or nats-route://host:port
	Log         bool     // write the server's log to stderr
	// Problems, when set and Log is not, hears the server's warnings and
	// errors (a port already taken, a route refused), which NoLog would
	// otherwise swallow.
	Problems io.Writer
}

// Server is a running embedded server.
type Server struct {
	*server.Server
	cfg Config
}

// Start starts a server. A single node is waited for until it accepts
// clients; a node of a cluster is not, as it becomes ready only once it sees
// its peers (call Ready after starting them all).
func Start(cfg Config) (*Server, error) {
	if cfg.Host == "" {
		cfg.Host = "127.0.0.1"
	}
	if cfg.Port == 0 {
		cfg.Port = -1
	}
	opts := &server.Options{
		ServerName: cfg.Name,
		Host:       cfg.Host,
		Port:       cfg.Port,
		JetStream:  true,
		StoreDir:   cfg.Dir,
		NoSigs:     true,
		NoLog:      !cfg.Log && cfg.Problems == nil,
		// Originals are kept whole in the object store, in chunks; a larger
		// payload limit than the 1 MB default keeps document records with
		// long texts in one message.
		MaxPayload: 8 << 20,
	}
	if cfg.Cluster != "" {
		opts.Cluster = server.ClusterOpts{Name: cfg.Cluster, Host: cfg.Host, Port: cfg.ClusterPort}
		for _, r := range cfg.Routes {
			u, err := routeURL(r)
			if err != nil {
				return nil, err
			}
			opts.Routes = append(opts.Routes, u)
		}
	}
	s, err := server.NewServer(opts)
	if err != nil {
		return nil, fmt.Errorf("natsembed: %w", err)
	}
	if cfg.Log {
		s.ConfigureLogger()
	} else if cfg.Problems != nil {
		s.SetLoggerV2(&problemLog{w: cfg.Problems, name: cfg.Name}, false, false, false)
	}
	s.Start()
	out := &Server{Server: s, cfg: cfg}
	if cfg.Cluster == "" {
		if err := out.Ready(30 * time.Second); err != nil {
			out.Stop()
			return nil, err
		}
	}
	return out, nil
}

// Ready waits until the server accepts clients.
func (s *Server) Ready(timeout time.Duration) error {
	if !s.ReadyForConnections(timeout) {
		return fmt.Errorf("natsembed: %s: %w", s.cfg.Name, ErrNotReady)
	}
	return nil
}

func routeURL(r string) (*url.URL, error) {
	if _, _, err := net.SplitHostPort(r); err == nil {
		r = "nats-route://" + r
	}
	u, err := url.Parse(r)
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("natsembed: route %q: want host:port", r)
	}
	return u, nil
}

// RouteAddr is the address other nodes route to ("host:port").
func (s *Server) RouteAddr() string {
	a := s.ClusterAddr()
	if a == nil {
		return ""
	}
	return net.JoinHostPort(s.cfg.Host, strconv.Itoa(a.Port))
}

// Stop shuts the server down and waits until it has.
func (s *Server) Stop() {
	s.Shutdown()
	s.WaitForShutdown()
}

// Peers returns the meta leader's name as this server sees it ("" while
// there is none) and, on the leader only, how many peers are current (the
// leader included): followers do not track each other.
func (s *Server) Peers() (current int, leader string) {
	info, err := s.Jsz(nil)
	if err != nil || info == nil {
		return 0, ""
	}
	if info.Meta == nil { // single node: no meta group
		if s.JetStreamEnabled() {
			return 1, s.Name()
		}
		return 0, ""
	}
	if info.Meta.Leader == "" {
		return 0, ""
	}
	if info.Meta.Leader != s.Name() {
		return 0, info.Meta.Leader
	}
	current = 1
	for _, p := range info.Meta.Replicas {
		if p.Current && !p.Offline && p.Name != s.Name() {
			current++
		}
	}
	return current, info.Meta.Leader
}

// WaitPeers waits until every server names the same meta leader and that
// leader sees n current peers: replicated streams fail to place until the
// meta leader has seen all the peers they need.
func WaitPeers(servers []*Server, n int, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		leader, ok := "", true
		best := 0
		for _, s := range servers {
			c, l := s.Peers()
			if l == "" || (leader != "" && l != leader) {
				ok = false
				break
			}
			leader = l
			best = max(best, c)
		}
		if ok && best >= n {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("natsembed: waiting for %d peers: %w", n, ErrNotReady)
		}
		<-tick.C
	}
}

// Leader returns the server among servers that is the meta leader, or nil.
func Leader(servers []*Server) *Server {
	for _, s := range servers {
		if s.Running() && s.JetStreamIsLeader() {
			return s
		}
	}
	return nil
}

// StartCluster starts n servers on loopback forming one cluster, each with a
// directory under dir, and waits until all are peers.
func StartCluster(dir string, name string, n int) ([]*Server, error) {
	ports := make([]int, n)
	for i := range ports {
		p, err := FreePort()
		if err != nil {
			return nil, err
		}
		ports[i] = p
	}
	var out []*Server
	stop := func() {
		for _, o := range out {
			o.Stop()
		}
	}
	for i := range n {
		var routes []string
		for j, p := range ports {
			if j != i {
				routes = append(routes, net.JoinHostPort("127.0.0.1", strconv.Itoa(p)))
			}
		}
		s, err := Start(Config{
			Name:        fmt.Sprintf("%s-%d", name, i+1),
			Dir:         fmt.Sprintf("%s/n%d", dir, i+1),
			Cluster:     name,
			ClusterPort: ports[i],
			Routes:      routes,
		})
		if err != nil {
			stop()
			return nil, err
		}
		out = append(out, s)
	}
	for _, s := range out {
		if err := s.Ready(30 * time.Second); err != nil {
			stop()
			return nil, err
		}
	}
	if err := WaitPeers(out, n, 30*time.Second); err != nil {
		stop()
		return nil, err
	}
	return out, nil
}

// Restart starts a stopped server again with its configuration (same name,
// directory and ports), and waits until it accepts clients.
func (s *Server) Restart() (*Server, error) {
	cfg := s.cfg
	if a := s.ClusterAddr(); a != nil {
		cfg.ClusterPort = a.Port
	}
	n, err := Start(cfg)
	if err != nil {
		return nil, err
	}
	return n, n.Ready(30 * time.Second)
}

// FreePort returns a loopback TCP port that was free a moment ago.
func FreePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("natsembed: free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// WaitLeader waits until this server knows the JetStream meta leader (on a
// cluster, once a majority of the peers have met), until timeout or until
// ctx ends (a node told to stop while its peers are still away).
func (s *Server) WaitLeader(ctx context.Context, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		if _, l := s.Peers(); l != "" {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("natsembed: %s: no JetStream meta leader: %w (%w)", s.cfg.Name, ErrNotReady, context.Cause(ctx))
		case <-tick.C:
		}
	}
}

// problemLog passes on the server's warnings and errors only: its notices
// (a line per connection, per stream, per election) would bury them.
type problemLog struct {
	mu   sync.Mutex // the server logs from many goroutines
	w    io.Writer
	name string
}

func (l *problemLog) Noticef(string, ...any)         {}
func (l *problemLog) Debugf(string, ...any)          {}
func (l *problemLog) Tracef(string, ...any)          {}
func (l *problemLog) Warnf(format string, v ...any)  { l.put("warning", format, v) }
func (l *problemLog) Errorf(format string, v ...any) { l.put("error", format, v) }
func (l *problemLog) Fatalf(format string, v ...any) { l.put("fatal", format, v) }

func (l *problemLog) put(level, format string, v []any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	fmt.Fprintf(l.w, "nats %s: %s: %s\n", l.name, level, fmt.Sprintf(format, v...))
}
