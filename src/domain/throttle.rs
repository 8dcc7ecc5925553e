//! Slowing down password guessing: after a few failures in a window, a key (an account, an
//! address) must wait before it may try again.

use std::collections::{HashMap, VecDeque};

use chrono::{DateTime, Duration, Utc};

/// Failed attempts per key within a sliding window.
#[derive(Debug)]
pub struct Throttle {
    window: Duration,
    max_failures: usize,
    failures: HashMap<String, VecDeque<DateTime<Utc>>>,
}

impl Throttle {
    /// Allows `max_failures` failures per key within `window`.
    pub fn new(max_failures: usize, window: Duration) -> Throttle {
        Throttle { window, max_failures, failures: HashMap::new() }
    }

    /// `Err(wait)` when `key` must wait before trying again.
    pub fn check(&mut self, key: &str, now: DateTime<Utc>) -> Result<(), Duration> {
        let window = self.window;
        let Some(times) = self.failures.get_mut(key) else { return Ok(()) };
        while times.front().is_some_and(|&t| now - t >= window) {
            times.pop_front();
        }
        if times.is_empty() {
            self.failures.remove(key);
            return Ok(());
        }
        if times.len() < self.max_failures {
            return Ok(());
        }
        let oldest = *times.front().unwrap_or(&now);
        Err(oldest + window - now)
    }

    /// Counts an attempt for every key at once, as a failure until [`Throttle::succeeded`]
    /// says otherwise, or refuses it with the longest wait when any key must wait. Counted
    /// before the password is checked, so that concurrent guesses cannot all slip through.
    pub fn attempt(&mut self, keys: &[String], now: DateTime<Utc>) -> Result<(), Duration> {
        let wait = keys.iter().filter_map(|key| self.check(key, now).err()).max();
        if let Some(wait) = wait {
            return Err(wait);
        }
        for key in keys {
            self.failed(key, now);
        }
        Ok(())
    }

    pub fn failed(&mut self, key: &str, now: DateTime<Utc>) {
        self.failures.entry(key.to_owned()).or_default().push_back(now);
    }

    pub fn succeeded(&mut self, key: &str) {
        self.failures.remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_waits_after_too_many_failures_and_only_for_the_window() {
        let mut throttle = Throttle::new(3, Duration::minutes(15));
        let start = Utc::now();
        for i in 0..3 {
            assert!(throttle.check("anne@example.ch", start + Duration::seconds(i)).is_ok());
            throttle.failed("anne@example.ch", start + Duration::seconds(i));
        }
        let wait = throttle.check("anne@example.ch", start + Duration::seconds(3)).unwrap_err();
        assert_eq!(wait, Duration::minutes(15) - Duration::seconds(3));
        assert!(throttle.check("paul@example.ch", start).is_ok(), "other keys are not affected");
        assert!(throttle.check("anne@example.ch", start + Duration::minutes(15)).is_ok());
    }

    #[test]
    fn attempts_count_before_their_outcome_and_a_refused_one_does_not_count() {
        let mut throttle = Throttle::new(2, Duration::minutes(15));
        let now = Utc::now();
        let keys = ["account:a".to_owned(), "address:1".to_owned()];
        assert!(throttle.attempt(&keys, now).is_ok());
        assert!(throttle.attempt(&keys, now).is_ok());
        assert!(throttle.attempt(&keys, now).is_err(), "the third, before any outcome is known");
        assert!(throttle.attempt(&["account:b".to_owned(), "address:1".to_owned()], now).is_err(), "same address");
        throttle.succeeded("account:a");
        throttle.succeeded("address:1");
        assert!(throttle.attempt(&keys, now).is_ok());
    }

    #[test]
    fn a_success_clears_the_failures() {
        let mut throttle = Throttle::new(2, Duration::minutes(15));
        let now = Utc::now();
        throttle.failed("k", now);
        throttle.succeeded("k");
        throttle.failed("k", now);
        assert!(throttle.check("k", now).is_ok());
    }
}
