//! Rate limits: how many requests of a kind (pledges, offers of help, …) one client address or
//! one email may make, as token buckets, and the bounded memory that keeps them.
//!
//! A bucket holds `burst` tokens and gains them back evenly over `period`: `30/60s` lets 30
//! requests through at once, then one every two seconds. Each bucket is kept as the instant
//! it will be full again (the "generic cell rate algorithm"), one number per key, so a key
//! whose bucket is full costs nothing to forget.

use std::collections::HashMap;
use std::fmt;
use std::hash::Hash;
use std::net::{IpAddr, Ipv6Addr};
use std::str::FromStr;

use chrono::{DateTime, Utc};

/// Requests of one kind that a limit is about. A form added later names a kind of its own
/// here, with its defaults, and calls the limiter with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LimitKind {
    /// `POST /pledge` and `POST /api/pledges`.
    Pledges,
    /// `POST /help`.
    Offers,
    /// `POST /designers/register`.
    Designers,
    /// `POST /team/login`, per address only: accounts have the login throttle.
    Logins,
    /// `POST /pledges/find`: each one may send an email to the address typed.
    Finds,
    /// Leaving or joining the news: `POST /unsubscribe/<key>` (also sent by mail providers'
    /// servers, many people behind one address) and the private page's switch.
    Subscriptions,
    /// `POST /questions`: each one waits for the team to read it.
    Questions,
    /// A backer's data: its download and its erasure from the private page.
    Privacy,
}

impl LimitKind {
    pub const ALL: [LimitKind; 8] = [
        LimitKind::Pledges,
        LimitKind::Offers,
        LimitKind::Designers,
        LimitKind::Logins,
        LimitKind::Finds,
        LimitKind::Subscriptions,
        LimitKind::Questions,
        LimitKind::Privacy,
    ];

    /// The name in settings: `BOBINE_RATE_LIMIT_PLEDGES`, `BOBINE_RATE_LIMIT_PLEDGES_EMAIL`.
    pub fn name(self) -> &'static str {
        match self {
            LimitKind::Pledges => "PLEDGES",
            LimitKind::Offers => "OFFERS",
            LimitKind::Designers => "DESIGNERS",
            LimitKind::Logins => "LOGINS",
            LimitKind::Finds => "FINDS",
            LimitKind::Subscriptions => "SUBSCRIPTIONS",
            LimitKind::Questions => "QUESTIONS",
            LimitKind::Privacy => "PRIVACY",
        }
    }

    /// The limits when nothing is configured. Per address they are generous, since a shop's or
    /// a school's Wi-Fi puts many honest people behind one address; per email they are tight,
    /// since one person rarely sends the same form more than a few times.
    pub fn defaults(self) -> Limits {
        let rate = |burst: u32, seconds: i64| Some(Rate { burst, period_ms: seconds * 1000 });
        match self {
            LimitKind::Pledges => Limits { per_address: rate(30, 60), per_email: rate(5, 5 * 60) },
            LimitKind::Offers => Limits { per_address: rate(20, 10 * 60), per_email: rate(3, 30 * 60) },
            LimitKind::Designers => Limits { per_address: rate(10, 10 * 60), per_email: rate(3, 30 * 60) },
            LimitKind::Logins => Limits { per_address: rate(30, 5 * 60), per_email: None },
            // An address gets its links at most three times an hour, however many ask.
            LimitKind::Finds => Limits { per_address: rate(10, 10 * 60), per_email: rate(3, 60 * 60) },
            // A mail provider unsubscribes its users from a few addresses of its own.
            LimitKind::Subscriptions => Limits { per_address: rate(120, 60), per_email: None },
            LimitKind::Questions => Limits { per_address: rate(20, 10 * 60), per_email: rate(5, 60 * 60) },
            LimitKind::Privacy => Limits { per_address: rate(20, 10 * 60), per_email: None },
        }
    }
}

/// The limits of one kind of request; `None` is no limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub per_address: Option<Rate>,
    pub per_email: Option<Rate>,
}

/// `burst` requests at once, then `burst` more spread evenly over `period`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    burst: u32,
    period_ms: i64,
}

/// A rate that is not `N/period`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a rate: write how many requests in how long, such as 30/60s, 5/5m or 100/1h")]
pub struct InvalidRate(pub String);

impl Rate {
    /// At most a day, so that time spans stay far within range.
    const LONGEST_MS: i64 = 24 * 3600 * 1000;

    /// Time between two tokens, in milliseconds.
    fn interval(self) -> i64 {
        (self.period_ms / i64::from(self.burst)).max(1)
    }
}

impl FromStr for Rate {
    type Err = InvalidRate;

    fn from_str(text: &str) -> Result<Rate, InvalidRate> {
        let invalid = || InvalidRate(text.to_owned());
        let (count, period) = text.trim().split_once('/').ok_or_else(invalid)?;
        let burst: u32 = count.trim().parse().map_err(|_| invalid())?;
        let period = period.trim();
        let (number, unit) = period.split_at(period.find(|c: char| !c.is_ascii_digit()).unwrap_or(period.len()));
        let number: i64 = if number.is_empty() { 1 } else { number.parse().map_err(|_| invalid())? };
        let unit_ms = match unit {
            "ms" => 1,
            "s" => 1000,
            "m" | "min" => 60_000,
            "h" => 3_600_000,
            _ => return Err(invalid()),
        };
        let period_ms = number.checked_mul(unit_ms).filter(|ms| (1..=Rate::LONGEST_MS).contains(ms));
        match period_ms {
            Some(period_ms) if burst > 0 && burst <= 1_000_000 => Ok(Rate { burst, period_ms }),
            _ => Err(invalid()),
        }
    }
}

impl fmt::Display for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.period_ms {
            ms if ms % 3_600_000 == 0 => write!(f, "{}/{}h", self.burst, ms / 3_600_000),
            ms if ms % 60_000 == 0 => write!(f, "{}/{}m", self.burst, ms / 60_000),
            ms if ms % 1000 == 0 => write!(f, "{}/{}s", self.burst, ms / 1000),
            ms => write!(f, "{}/{}ms", self.burst, ms),
        }
    }
}

/// How long a refused request must wait, in whole seconds, at least 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wait(pub u64);

/// The key an address is counted under. An IPv6 client usually holds a whole /64 and can
/// pick any address in it, so IPv6 addresses are counted by their /64.
pub fn address_key(address: IpAddr) -> IpAddr {
    match address.to_canonical() {
        IpAddr::V6(v6) => {
            let s = v6.segments();
            IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
        }
        v4 => v4,
    }
}

/// The buckets of many keys under one rate, in bounded memory: past `capacity` keys, the full
/// buckets are forgotten (which changes nothing), then, if that is not enough, the half of
/// the keys nearest to full. A flood of fresh keys therefore costs a fixed amount of memory,
/// and what it pushes out first is what was limited least.
#[derive(Debug)]
pub struct Buckets<K> {
    rate: Rate,
    capacity: usize,
    /// For each key, the instant (Unix milliseconds) its bucket is full again.
    full_at: HashMap<K, i64>,
}

impl<K: Hash + Eq> Buckets<K> {
    /// Empty buckets filling at `rate`, for `capacity` keys at most.
    pub fn new(rate: Rate, capacity: usize) -> Buckets<K> {
        Buckets { rate, capacity: capacity.max(2), full_at: HashMap::new() }
    }

    /// Takes one token from `key`'s bucket, or says how long to wait for one. The check and
    /// the count are one step: concurrent requests cannot all pass.
    pub fn take(&mut self, key: K, now: DateTime<Utc>) -> Result<(), Wait> {
        let now = now.timestamp_millis();
        let interval = self.rate.interval();
        let tolerance = interval * (i64::from(self.rate.burst) - 1);
        // After the clock is set back, no bucket may look emptier than a full burst.
        let full_at = self.full_at.get(&key).map_or(now, |&t| t.clamp(now, now + tolerance + interval));
        let earliest = full_at - tolerance;
        if earliest > now {
            if let Some(stored) = self.full_at.get_mut(&key) {
                *stored = full_at;
            }
            let seconds = (earliest - now + 999) / 1000;
            return Err(Wait(seconds.max(1) as u64));
        }
        if !self.full_at.contains_key(&key) && self.full_at.len() >= self.capacity {
            self.make_room(now);
        }
        self.full_at.insert(key, full_at + interval);
        Ok(())
    }

    /// How many keys are kept.
    pub fn len(&self) -> usize {
        self.full_at.len()
    }

    /// Whether no key is kept.
    pub fn is_empty(&self) -> bool {
        self.full_at.is_empty()
    }

    fn make_room(&mut self, now: i64) {
        self.full_at.retain(|_, &mut full_at| full_at > now);
        // Leaving at most three quarters full keeps each sweep paid for by the many
        // insertions before the next one.
        if self.full_at.len() > self.capacity * 3 / 4 {
            let mut instants: Vec<i64> = self.full_at.values().copied().collect();
            let middle = instants.len() / 2;
            let (_, &mut median, _) = instants.select_nth_unstable(middle);
            self.full_at.retain(|_, &mut full_at| full_at > median);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn rate(text: &str) -> Rate {
        text.parse().unwrap()
    }

    #[test]
    fn rates_are_read_as_a_count_over_a_period() {
        assert_eq!(rate("30/60s"), Rate { burst: 30, period_ms: 60_000 });
        assert_eq!(rate(" 5 / 5m "), Rate { burst: 5, period_ms: 300_000 });
        assert_eq!(rate("100/1h"), Rate { burst: 100, period_ms: 3_600_000 });
        assert_eq!(rate("10/s"), Rate { burst: 10, period_ms: 1000 });
        assert_eq!(rate("3/500ms"), Rate { burst: 3, period_ms: 500 });
        for text in ["30/1m", "5/5m", "100/1h", "3/500ms", "7/90s"] {
            assert_eq!(rate(text).to_string(), text);
        }
        for wrong in [
            "",
            "30",
            "30/",
            "/60s",
            "0/60s",
            "-1/60s",
            "30/60",
            "30/60x",
            "30/0s",
            "30/2d",
            "a/1s",
            "30/99999999999999h",
        ] {
            assert_eq!(wrong.parse::<Rate>(), Err(InvalidRate(wrong.to_owned())), "{wrong}");
        }
    }

    #[test]
    fn a_burst_passes_then_one_request_per_interval() {
        let mut buckets = Buckets::new(rate("3/30s"), 100);
        let start = Utc::now();
        for _ in 0..3 {
            assert_eq!(buckets.take("a", start), Ok(()));
        }
        assert_eq!(buckets.take("a", start), Err(Wait(10)));
        assert_eq!(buckets.take("b", start), Ok(()), "another key has its own bucket");
        assert_eq!(buckets.take("a", start + Duration::milliseconds(9_001)), Err(Wait(1)), "rounded up");
        assert_eq!(buckets.take("a", start + Duration::seconds(10)), Ok(()));
        assert_eq!(buckets.take("a", start + Duration::seconds(10)), Err(Wait(10)));
        // Idle for a long time, the bucket is full again, not fuller.
        let later = start + Duration::hours(1);
        for _ in 0..3 {
            assert_eq!(buckets.take("a", later), Ok(()));
        }
        assert!(buckets.take("a", later).is_err());
    }

    #[test]
    fn a_clock_set_back_never_makes_anyone_wait_longer_than_a_burst() {
        let mut buckets = Buckets::new(rate("2/20s"), 100);
        let start = Utc::now();
        buckets.take("a", start).unwrap();
        buckets.take("a", start).unwrap();
        let earlier = start - Duration::hours(5);
        assert_eq!(buckets.take("a", earlier), Err(Wait(10)));
        assert_eq!(buckets.take("a", earlier + Duration::seconds(10)), Ok(()));
    }

    #[test]
    fn memory_stays_bounded_however_many_keys_arrive_and_the_most_limited_stay() {
        let mut buckets = Buckets::new(rate("2/60s"), 1000);
        let now = Utc::now();
        buckets.take(u64::MAX, now).unwrap();
        buckets.take(u64::MAX, now).unwrap();
        for key in 0..100_000u64 {
            assert_eq!(buckets.take(key, now), Ok(()));
            assert!(buckets.len() <= 1000);
        }
        assert!(buckets.take(u64::MAX, now).is_err(), "the emptiest bucket is kept");
    }

    #[test]
    fn full_buckets_are_forgotten_first_since_that_changes_nothing() {
        let mut buckets = Buckets::new(rate("2/60s"), 4);
        let now = Utc::now();
        for key in ["a", "b", "c", "d"] {
            buckets.take(key, now).unwrap();
        }
        buckets.take("e", now + Duration::hours(1)).unwrap();
        assert_eq!(buckets.len(), 1);
    }

    #[test]
    fn ipv6_addresses_count_by_their_64_bit_prefix() {
        let key = |text: &str| address_key(text.parse().unwrap());
        assert_eq!(key("2001:db8:1:2:aaaa::1"), key("2001:db8:1:2:bbbb::2"));
        assert_ne!(key("2001:db8:1:2::1"), key("2001:db8:1:3::1"));
        assert_eq!(key("::ffff:192.0.2.1"), key("192.0.2.1"));
        assert_ne!(key("192.0.2.1"), key("192.0.2.2"));
    }

    #[test]
    fn every_kind_has_an_address_limit_by_default() {
        for kind in LimitKind::ALL {
            assert!(kind.defaults().per_address.is_some(), "{kind:?}");
        }
    }
}
