package crawl

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"
)

// ErrPrivateAddress is a connection refused because it would reach this
// machine or a private network (Config.PublicOnly).
var ErrPrivateAddress = errors.New("crawl: private or loopback address refused")

// nonPublic lists special-purpose ranges (RFC 6890 and successors) that
// netip's predicates do not cover; none of them is a public web server.
var nonPublic = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),       // "this network"
	netip.MustParsePrefix("100.64.0.0/10"),   // carrier-grade NAT (RFC 6598)
	netip.MustParsePrefix("192.0.0.0/24"),    // IETF protocol assignments
	netip.MustParsePrefix("192.0.2.0/24"),    // documentation
	netip.MustParsePrefix("198.18.0.0/15"),   // benchmarking
	netip.MustParsePrefix("198.51.100.0/24"), // documentation
	netip.MustParsePrefix("203.0.113.0/24"),  // documentation
	netip.MustParsePrefix("240.0.0.0/4"),     // reserved, broadcast
	netip.MustParsePrefix("64:ff9b:1::/48"),  // local-use NAT64 (RFC 8215)
	netip.MustParsePrefix("100::/64"),        // discard-only
	netip.MustParsePrefix("2001:db8::/32"),   // documentation
}

// PublicAddr reports whether ip is an address of the public internet: not
// loopback, private (RFC 1918, fc00::/7), link-local (cloud metadata
// services live at 169.254.169.254), unspecified, multicast or another
// special-purpose range. IPv4 written inside IPv6 (::ffff:a.b.c.d, the
// NAT64 prefix 64:ff9b::/96, 6to4 2002::/16) is judged by the IPv4 address.
func PublicAddr(ip netip.Addr) bool {
	ip = ip.Unmap()
	if ip.Is6() {
		b := ip.As16()
		switch {
		case netip.MustParsePrefix("64:ff9b::/96").Contains(ip):
			return PublicAddr(netip.AddrFrom4([4]byte(b[12:16])))
		case netip.MustParsePrefix("2002::/16").Contains(ip):
			return PublicAddr(netip.AddrFrom4([4]byte(b[2:6])))
		}
	}
	if !ip.IsValid() || ip.IsLoopback() || ip.IsPrivate() || ip.IsUnspecified() ||
		ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() || ip.IsInterfaceLocalMulticast() ||
		ip.IsMulticast() {
		return false
	}
	for _, p := range nonPublic {
		if p.Contains(ip) {
			return false
		}
	}
	return true
}

// publicOnlyControl is a net.Dialer Control func: it runs after the name is
// resolved, on the very address about to be connected, so neither a
// redirect nor a DNS answer that changes between a check and the request
// (DNS rebinding) can lead the crawler to a private address.
func publicOnlyControl(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("%w: %s: %v", ErrPrivateAddress, address, err)
	}
	if !PublicAddr(ap.Addr()) {
		return fmt.Errorf("%w: %s", ErrPrivateAddress, ap.Addr())
	}
	return nil
}

// publicOnlyTransport returns a copy of t that connects to public addresses
// only. It connects directly: a proxy would make the dialled address the
// proxy's, and the check meaningless.
func publicOnlyTransport(t *http.Transport) *http.Transport {
	t = t.Clone()
	d := &net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second, Control: publicOnlyControl}
	t.DialContext = d.DialContext
	t.DialTLSContext = nil
	t.Proxy = nil
	return t
}

// CheckPublicURL says, before any request, whether rawURL names a public
// host: an IP literal is judged as it is, a name by every address it
// resolves to now. It gives a early, clear refusal; the dial-time check of
// Config.PublicOnly is what enforces it.
func CheckPublicURL(ctx context.Context, rawURL string) error {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil || u.Hostname() == "" {
		return fmt.Errorf("crawl %s: not an absolute URL", rawURL)
	}
	host := u.Hostname()
	if ip, err := netip.ParseAddr(host); err == nil {
		if !PublicAddr(ip) {
			return fmt.Errorf("crawl %s: %w: %s", rawURL, ErrPrivateAddress, ip)
		}
		return nil
	}
	if h := strings.TrimSuffix(strings.ToLower(host), "."); h == "localhost" || strings.HasSuffix(h, ".localhost") {
		return fmt.Errorf("crawl %s: %w: %s", rawURL, ErrPrivateAddress, host)
	}
	ips, err := net.DefaultResolver.LookupNetIP(ctx, "ip", host)
	if err != nil {
		return fmt.Errorf("crawl %s: %w", rawURL, err)
	}
	for _, ip := range ips {
		if !PublicAddr(ip) {
			return fmt.Errorf("crawl %s: %w: %s resolves to %s", rawURL, ErrPrivateAddress, host, ip)
		}
	}
	return nil
}
