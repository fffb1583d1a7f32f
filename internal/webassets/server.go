package webassets

import (
	"net"
	"net/http"
	"sync"
	"time"
)

// Limits bound what clients may hold of a server: how long they may take
// to send a request and to receive the answer, how long an idle
// keep-alive connection stays open, and how many connections are served
// at once.
type Limits struct {
	// ReadHeaderTimeout and ReadTimeout bound the reading of a request's
	// header, and of the whole request.
	ReadHeaderTimeout, ReadTimeout time.Duration
	// WriteTimeout bounds the sending of an answer, from the end of its
	// request: a client that reads slowly, or not at all, is cut off.
	WriteTimeout time.Duration
	// IdleTimeout closes a keep-alive connection that has sent no request
	// for this long.
	IdleTimeout time.Duration
	// MaxConns is how many connections are served at once; those beyond
	// wait in the system's queue of connections to accept until one
	// closes.
	MaxConns int
	// MaxHeaderBytes bounds a request's header.
	MaxHeaderBytes int
}

// DefaultLimits are cuasim serve's. A class of 30 browsers, each with up
// to 6 connections, needs 180; the WebAssembly viewer is about 5 MB
// gzipped, which a client must receive within WriteTimeout (5 MB in two
// minutes is a third of a megabit per second); an idle browser is closed
// after IdleTimeout and reconnects when it needs to.
var DefaultLimits = Limits{
	ReadHeaderTimeout: 10 * time.Second,
	ReadTimeout:       30 * time.Second,
	WriteTimeout:      2 * time.Minute,
	IdleTimeout:       30 * time.Second,
	MaxConns:          256,
	MaxHeaderBytes:    64 << 10,
}

// Server returns an http.Server for h with the limits' timeouts. Serve it
// on Listener(ln, l) to cap its connections.
func Server(h http.Handler, l Limits) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: l.ReadHeaderTimeout,
		ReadTimeout:       l.ReadTimeout,
		WriteTimeout:      l.WriteTimeout,
		IdleTimeout:       l.IdleTimeout,
		MaxHeaderBytes:    l.MaxHeaderBytes,
	}
}

// Listener returns ln accepting at most l.MaxConns connections open at
// once: Accept waits for one to close before it takes the next from the
// system's queue. MaxConns <= 0 leaves ln as it is.
func Listener(ln net.Listener, l Limits) net.Listener {
	if l.MaxConns <= 0 {
		return ln
	}
	return &capped{Listener: ln, slots: make(chan struct{}, l.MaxConns), done: make(chan struct{})}
}

// capped is a listener with a slot per open connection.
type capped struct {
	net.Listener
	slots     chan struct{}
	done      chan struct{} // closed by Close
	closeOnce sync.Once
}

// Accept takes a slot, then a connection; the slot is freed when the
// connection closes. Once the listener is closed it returns at once.
func (c *capped) Accept() (net.Conn, error) {
	select {
	case c.slots <- struct{}{}:
	case <-c.done:
		return nil, net.ErrClosed
	}
	conn, err := c.Listener.Accept()
	if err != nil {
		<-c.slots
		return nil, err
	}
	return &slotConn{Conn: conn, free: func() { <-c.slots }}, nil
}

// Close closes the listener, and stops an Accept waiting for a slot.
func (c *capped) Close() error {
	c.closeOnce.Do(func() { close(c.done) })
	return c.Listener.Close()
}

// slotConn frees its slot once, when it is first closed.
type slotConn struct {
	net.Conn
	once sync.Once
	free func()
}

func (s *slotConn) Close() error {
	err := s.Conn.Close()
	s.once.Do(s.free)
	return err
}
