package webhooks

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"syscall"
	"time"
)

// ErrBlockedAddress is the dial error for an endpoint whose host resolves to
// an address a GuardedClient refuses: loopback, private, link-local,
// carrier-grade NAT, multicast, reserved or otherwise not on the public
// internet.
var ErrBlockedAddress = errors.New("webhooks: the endpoint resolves to a private or reserved address")

// nonPublic are the prefixes, beyond what netip.Addr's predicates cover,
// that are not public unicast (RFC 6890 and its successors).
var nonPublic = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),       // "this network"
	netip.MustParsePrefix("100.64.0.0/10"),   // carrier-grade NAT (RFC 6598)
	netip.MustParsePrefix("192.0.0.0/24"),    // IETF protocol assignments
	netip.MustParsePrefix("192.0.2.0/24"),    // documentation
	netip.MustParsePrefix("198.18.0.0/15"),   // benchmarking
	netip.MustParsePrefix("198.51.100.0/24"), // documentation
	netip.MustParsePrefix("203.0.113.0/24"),  // documentation
	netip.MustParsePrefix("240.0.0.0/4"),     // reserved, and broadcast
	netip.MustParsePrefix("64:ff9b::/96"),    // NAT64: could reach any IPv4 address
	netip.MustParsePrefix("64:ff9b:1::/48"),  // local-use NAT64
	netip.MustParsePrefix("100::/64"),        // discard-only
	netip.MustParsePrefix("2001:db8::/32"),   // documentation
	netip.MustParsePrefix("2002::/16"),       // 6to4: embeds any IPv4 address
}

// PublicAddress reports whether a webhook may be sent to addr: a global
// unicast address outside every private, shared or reserved range.
// IPv4-mapped IPv6 addresses are judged as the IPv4 address they carry.
func PublicAddress(addr netip.Addr) bool {
	addr = addr.Unmap()
	if !addr.IsValid() || !addr.IsGlobalUnicast() || addr.IsPrivate() || addr.IsLoopback() ||
		addr.IsLinkLocalUnicast() || addr.IsMulticast() || addr.IsUnspecified() {
		return false
	}
	for _, p := range nonPublic {
		if p.Contains(addr) {
			return false
		}
	}
	return true
}

// GuardedClient returns an HTTP client for Sender.Client that connects only
// to public addresses, against server-side request forgery: a shop admin who
// registers http://169.254.169.254/ or a name resolving to 10.0.0.5 gets a
// failed delivery, not a look inside the network. The address is checked
// after DNS resolution, on the very connection made, so a name that changes
// its answer between a check and the dial (DNS rebinding) gains nothing.
// Proxies from the environment are not used: a proxy would make the dial
// check meaningless.
func GuardedClient(timeout time.Duration) *http.Client {
	d := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second, Control: refuseNonPublic}
	t := &http.Transport{
		DialContext:           d.DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          100,
		MaxIdleConnsPerHost:   4,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: timeout,
	}
	return &http.Client{Transport: t, Timeout: timeout}
}

// refuseNonPublic is a net.Dialer Control function: it runs with the
// resolved address just before each connect.
func refuseNonPublic(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("%w (%s)", ErrBlockedAddress, address)
	}
	if !PublicAddress(ap.Addr()) {
		return fmt.Errorf("%w: %s", ErrBlockedAddress, ap.Addr())
	}
	return nil
}

// blocked reports whether a transport error came from the guard.
func blocked(err error) bool { return errors.Is(err, ErrBlockedAddress) }
