//go:build (linux && !android) || freebsd || netbsd || openbsd || dragonfly

package preflight

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// noDisplay says why no X display can be opened, or returns "" when one
// can (or when it cannot tell: a display on another host is left to
// GLFW). It connects to the X server's socket and hangs up, using the
// syscall package alone (see the package comment for why).
func noDisplay() string {
	d := os.Getenv("DISPLAY")
	if d == "" {
		return "no display (DISPLAY is not set)"
	}
	i := strings.LastIndexByte(d, ':')
	if i < 0 {
		return fmt.Sprintf("DISPLAY is %q, not a display such as :0", d)
	}
	host, num := d[:i], d[i+1:]
	if j := strings.IndexByte(num, '.'); j >= 0 {
		num = num[:j] // the screen
	}
	n, err := strconv.Atoi(num)
	if err != nil || n < 0 || n > 60000 {
		return fmt.Sprintf("DISPLAY is %q, not a display such as :0", d)
	}
	switch host {
	case "", "unix":
		path := "/tmp/.X11-unix/X" + num
		// Linux's X servers listen on an abstract socket too.
		if dial(&syscall.SockaddrUnix{Name: "@" + path}, syscall.AF_UNIX) == nil || dial(&syscall.SockaddrUnix{Name: path}, syscall.AF_UNIX) == nil {
			return ""
		}
		return fmt.Sprintf("cannot open the display %s (no X server listens on %s)", d, path)
	case "localhost", "127.0.0.1":
		if dial(&syscall.SockaddrInet4{Port: 6000 + n, Addr: [4]byte{127, 0, 0, 1}}, syscall.AF_INET) == nil {
			return ""
		}
		return fmt.Sprintf("cannot open the display %s (no X server listens on port %d)", d, 6000+n)
	}
	return ""
}

func dial(sa syscall.Sockaddr, family int) error {
	fd, err := syscall.Socket(family, syscall.SOCK_STREAM, 0)
	if err != nil {
		return err
	}
	defer syscall.Close(fd)
	return syscall.Connect(fd, sa)
}
