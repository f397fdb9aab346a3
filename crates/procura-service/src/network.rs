//! Address ranges, for the proxies whose `X-Forwarded-For` Procura believes.

use std::fmt;
use std::net::IpAddr;

/// One address or a CIDR block: `10.0.0.5`, `10.0.0.0/8`, `fd00::/8`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct IpNetwork {
    address: IpAddr,
    prefix: u8,
}

impl IpNetwork {
    /// Reads `address` or `address/prefix`; `None` when it is neither.
    pub fn parse(input: &str) -> Option<IpNetwork> {
        let input = input.trim();
        let (address, prefix) = match input.split_once('/') {
            Some((address, prefix)) => (address, Some(prefix)),
            None => (input, None),
        };
        let address: IpAddr = address.parse().ok()?;
        let address = address.to_canonical();
        let width = match address {
            IpAddr::V4(_) => 32,
            IpAddr::V6(_) => 128,
        };
        let prefix = match prefix {
            Some(prefix) if prefix.bytes().all(|b| b.is_ascii_digit()) => prefix.parse().ok()?,
            Some(_) => return None,
            None => width,
        };
        (prefix <= width).then_some(IpNetwork { address, prefix })
    }

    /// Whether `address` is in the block; an IPv4 address written as IPv6
    /// (`::ffff:10.0.0.5`) counts as the IPv4 address.
    pub fn contains(&self, address: IpAddr) -> bool {
        match (self.address, address.to_canonical()) {
            (IpAddr::V4(network), IpAddr::V4(address)) => {
                same_prefix(&network.octets(), &address.octets(), self.prefix)
            }
            (IpAddr::V6(network), IpAddr::V6(address)) => {
                same_prefix(&network.octets(), &address.octets(), self.prefix)
            }
            _ => false,
        }
    }
}

/// Whether the first `bits` bits of `a` and `b` are equal.
fn same_prefix(a: &[u8], b: &[u8], bits: u8) -> bool {
    let bits = usize::from(bits);
    let (whole, rest) = (bits / 8, bits % 8);
    if a[..whole] != b[..whole] {
        return false;
    }
    if rest == 0 {
        return true;
    }
    let mask = 0xff_u8 << (8 - rest);
    a[whole] & mask == b[whole] & mask
}

impl fmt::Debug for IpNetwork {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.address, self.prefix)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(network: &str, address: &str, expected: bool) {
        let parsed = IpNetwork::parse(network).unwrap();
        assert_eq!(
            parsed.contains(address.parse().unwrap()),
            expected,
            "{network} contains {address}"
        );
    }

    #[test]
    fn blocks_contain_their_addresses() {
        check("10.0.0.5", "10.0.0.5", true);
        check("10.0.0.5", "10.0.0.6", false);
        check("10.0.0.0/8", "10.255.1.2", true);
        check("10.0.0.0/8", "11.0.0.1", false);
        check("192.168.16.0/20", "192.168.31.255", true);
        check("192.168.16.0/20", "192.168.32.0", false);
        check("0.0.0.0/0", "203.0.113.7", true);
        check("127.0.0.1", "::ffff:127.0.0.1", true);
        check("::ffff:127.0.0.1", "127.0.0.1", true);
        check("fd00::/8", "fd12:3456::1", true);
        check("fd00::/8", "fe80::1", false);
        check("::1", "::1", true);
        check("::1", "127.0.0.1", false);
        check("10.0.0.0/8", "::1", false);
    }

    #[test]
    fn nonsense_is_refused() {
        for input in [
            "",
            "proxy",
            "10.0.0.0/33",
            "::/129",
            "10.0.0.0/",
            "10.0.0.0/+8",
            "10.0.0/8",
        ] {
            assert_eq!(IpNetwork::parse(input), None, "{input:?}");
        }
    }
}
