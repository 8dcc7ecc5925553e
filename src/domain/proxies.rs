//! Whose request this is: the address of the socket's peer, or, when that peer is a proxy the
//! operator trusts, the address the proxies say they received the request from.
//!
//! Headers are written by whoever sends them, so `X-Forwarded-For` and `Forwarded` mean
//! something only when a trusted proxy wrote them, and only their right-hand part: each proxy
//! appends the address it received from, so everything left of the first address that is not
//! a trusted proxy may be made up by the client.

use std::net::{IpAddr, SocketAddr};
use std::str::FromStr;

use ipnet::IpNet;

/// The proxies whose forwarding headers are believed: addresses and CIDR ranges.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

/// An entry of the list of trusted proxies that is neither an address nor a range.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is neither an address (such as 10.0.0.2 or ::1) nor a range (such as 10.0.0.0/8 or fd00::/8)")]
pub struct InvalidProxy(pub String);

impl TrustedProxies {
    /// Trusts nobody: the socket's peer is the client.
    pub const NONE: TrustedProxies = TrustedProxies(Vec::new());

    /// Parses a comma-separated list such as `127.0.0.1, 10.0.0.0/8, fd00::/8`. Blank entries
    /// are ignored so that an empty setting trusts nobody.
    pub fn parse(list: &str) -> Result<TrustedProxies, InvalidProxy> {
        let entry = |text: &str| {
            // A range written with host bits set (10.0.0.1/8) is most likely a slip; it is
            // read as the range it falls in, as routers do.
            IpNet::from_str(text)
                .map(|net| net.trunc())
                .or_else(|_| IpAddr::from_str(text).map(IpNet::from))
                .map_err(|_| InvalidProxy(text.to_owned()))
        };
        let nets = list.split(',').map(str::trim).filter(|t| !t.is_empty()).map(entry).collect::<Result<_, _>>()?;
        Ok(TrustedProxies(nets))
    }

    /// Whether no proxy is trusted.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether `address` is one of the trusted proxies.
    pub fn trusts(&self, address: IpAddr) -> bool {
        let address = address.to_canonical();
        self.0.iter().any(|net| net.contains(&address))
    }

    /// The client's address: `peer` itself unless it is a trusted proxy; then the first
    /// address, from the right, of the forwarding chain that is not a trusted proxy.
    /// `forwarded_for` are the values of the `X-Forwarded-For` headers in the order received;
    /// `forwarded` those of `Forwarded` (RFC 7239), read only when there is no
    /// `X-Forwarded-For`, since proxies such as nginx and Caddy write only the latter and pass
    /// a client's `Forwarded` along untouched.
    pub fn client(&self, peer: IpAddr, forwarded_for: &[&str], forwarded: &[&str]) -> IpAddr {
        let peer = peer.to_canonical();
        if !self.trusts(peer) {
            return peer;
        }
        let chain: Vec<Option<IpAddr>> = if forwarded_for.is_empty() {
            forwarded.iter().flat_map(|value| value.split(',')).map(forwarded_element).collect()
        } else {
            forwarded_for.iter().flat_map(|value| value.split(',')).map(node).collect()
        };
        let mut client = peer;
        for hop in chain.into_iter().rev() {
            // Written by a proxy we trust, but not an address (`unknown`, a hidden name):
            // nothing further left can be believed, so the nearest known hop stands.
            let Some(hop) = hop else { return client };
            client = hop.to_canonical();
            if !self.trusts(client) {
                return client;
            }
        }
        client
    }
}

/// One address of `X-Forwarded-For` (or the node of a `Forwarded` element): `192.0.2.1`,
/// `2001:db8::1`, or the same with a port, `192.0.2.1:4711` or `[2001:db8::1]:4711`.
fn node(text: &str) -> Option<IpAddr> {
    let text = text.trim().trim_matches('"');
    IpAddr::from_str(text)
        .ok()
        .or_else(|| SocketAddr::from_str(text).ok().map(|s| s.ip()))
        .or_else(|| text.strip_prefix('[').and_then(|t| t.strip_suffix(']')).and_then(|t| IpAddr::from_str(t).ok()))
}

/// The `for=` node of one element of a `Forwarded` header, such as
/// `for=192.0.2.60;proto=http;by=203.0.113.43` or `for="[2001:db8:cafe::17]:4711"`.
fn forwarded_element(element: &str) -> Option<IpAddr> {
    element.split(';').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        key.trim().eq_ignore_ascii_case("for").then(|| node(value)).flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn addresses_and_ranges_of_both_families_are_read_and_mistakes_are_named() {
        let proxies = TrustedProxies::parse(" 127.0.0.1, 10.0.0.0/8,fd00::/8 ,::1,, 192.168.1.7/24").unwrap();
        for trusted in ["127.0.0.1", "10.200.3.4", "fd12::1", "::1", "192.168.1.200", "::ffff:10.0.0.1"] {
            assert!(proxies.trusts(ip(trusted)), "{trusted}");
        }
        for untrusted in ["127.0.0.2", "11.0.0.1", "fe80::1", "192.168.2.1"] {
            assert!(!proxies.trusts(ip(untrusted)), "{untrusted}");
        }
        assert!(TrustedProxies::parse("").unwrap().is_empty());
        assert!(TrustedProxies::parse(" , ").unwrap().is_empty());
        for wrong in ["10.0.0.0/33", "localhost", "10.0.0", "::1/129", "10.0.0.1:80", "*"] {
            assert_eq!(TrustedProxies::parse(&format!("127.0.0.1,{wrong}")), Err(InvalidProxy(wrong.into())));
        }
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_its_headers_say() {
        let nobody = TrustedProxies::NONE;
        assert_eq!(nobody.client(ip("127.0.0.1"), &["203.0.113.9"], &["for=203.0.113.9"]), ip("127.0.0.1"));
        let proxies = TrustedProxies::parse("10.0.0.0/8").unwrap();
        assert_eq!(proxies.client(ip("192.0.2.1"), &["203.0.113.9"], &[]), ip("192.0.2.1"));
        assert_eq!(nobody.client(ip("::ffff:192.0.2.1"), &[], &[]), ip("192.0.2.1"), "as IPv4");
    }

    #[test]
    fn the_chain_is_walked_from_the_right_skipping_trusted_proxies() {
        let proxies = TrustedProxies::parse("127.0.0.1, 10.0.0.0/8").unwrap();
        let peer = ip("127.0.0.1");
        assert_eq!(proxies.client(peer, &["203.0.113.9"], &[]), ip("203.0.113.9"));
        // What the client wrote itself stays on the left of what the proxies appended.
        assert_eq!(proxies.client(peer, &["1.2.3.4, 203.0.113.9, 10.1.1.1"], &[]), ip("203.0.113.9"));
        assert_eq!(proxies.client(peer, &["1.2.3.4", "203.0.113.9,10.1.1.1"], &[]), ip("203.0.113.9"), "two headers");
        assert_eq!(proxies.client(peer, &["10.2.2.2, 10.1.1.1"], &[]), ip("10.2.2.2"), "all trusted: the leftmost");
        assert_eq!(proxies.client(peer, &["1.2.3.4, unknown, 10.1.1.1"], &[]), ip("10.1.1.1"), "not an address");
        assert_eq!(proxies.client(peer, &["garbage"], &[]), peer);
        assert_eq!(proxies.client(peer, &[], &[]), peer, "no header: the proxy itself");
        assert_eq!(proxies.client(peer, &["203.0.113.9:4711"], &[]), ip("203.0.113.9"));
        assert_eq!(proxies.client(peer, &["[2001:db8::1]:4711"], &[]), ip("2001:db8::1"));
        assert_eq!(proxies.client(peer, &[" 2001:db8::2 "], &[]), ip("2001:db8::2"));
    }

    #[test]
    fn forwarded_is_read_only_without_x_forwarded_for() {
        let proxies = TrustedProxies::parse("127.0.0.1, 10.0.0.0/8").unwrap();
        let peer = ip("127.0.0.1");
        let forwarded = [r#"for=1.2.3.4, for="[2001:db8:cafe::17]:4711";proto=https, For=10.0.0.5;by=10.0.0.1"#];
        assert_eq!(proxies.client(peer, &[], &forwarded), ip("2001:db8:cafe::17"));
        assert_eq!(proxies.client(peer, &[], &["for=192.0.2.60;proto=http;by=203.0.113.43"]), ip("192.0.2.60"));
        assert_eq!(proxies.client(peer, &[], &["for=unknown"]), peer);
        assert_eq!(proxies.client(peer, &[], &["for=_hidden, for=10.0.0.9"]), ip("10.0.0.9"));
        assert_eq!(proxies.client(peer, &["198.51.100.1"], &forwarded), ip("198.51.100.1"));
    }
}
