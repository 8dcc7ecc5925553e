//! The settings that guard against volume: rate limits per kind of request, and the proxies
//! whose forwarding headers tell the client's address.

use crate::config::ConfigError;
use crate::domain::proxies::TrustedProxies;
use crate::domain::rate_limit::{LimitKind, Limits, Rate};

/// Whether rate limits apply, and each kind's limits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateLimits {
    /// `BOBINE_RATE_LIMITS=off` turns every rate limit off (for load tests on loopback, or
    /// behind a proxy that limits instead); the login throttle stays.
    pub enabled: bool,
    limits: Vec<(LimitKind, Limits)>,
}

impl Default for RateLimits {
    fn default() -> Self {
        RateLimits { enabled: true, limits: LimitKind::ALL.iter().map(|&kind| (kind, kind.defaults())).collect() }
    }
}

impl RateLimits {
    /// No rate limit at all.
    pub fn off() -> RateLimits {
        RateLimits { enabled: false, ..RateLimits::default() }
    }

    /// The same, with `kind` limited as `limits` says.
    pub fn with(mut self, kind: LimitKind, limits: Limits) -> RateLimits {
        self.limits.retain(|(k, _)| *k != kind);
        self.limits.push((kind, limits));
        self
    }

    /// The limits of `kind`: none when rate limits are off.
    pub fn of(&self, kind: LimitKind) -> Limits {
        let none = Limits { per_address: None, per_email: None };
        if !self.enabled {
            return none;
        }
        self.limits.iter().find(|(k, _)| *k == kind).map_or(none, |(_, limits)| *limits)
    }

    /// Reads `BOBINE_RATE_LIMITS` (`on` or `off`), and for each kind
    /// `BOBINE_RATE_LIMIT_<KIND>` (per address) and `BOBINE_RATE_LIMIT_<KIND>_EMAIL`, each a
    /// rate such as `30/60s` or `off`.
    pub fn from_env() -> Result<RateLimits, ConfigError> {
        RateLimits::from_vars(|name| std::env::var(name).ok())
    }

    fn from_vars(var: impl Fn(&str) -> Option<String>) -> Result<RateLimits, ConfigError> {
        let var = |name: &str| var(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        let enabled = match var("BOBINE_RATE_LIMITS").map(|v| v.to_ascii_lowercase()).as_deref() {
            None | Some("on") => true,
            Some("off") => false,
            Some(_) => return Err(ConfigError::setting("BOBINE_RATE_LIMITS", "is on (the default) or off")),
        };
        let rate = |name: String, default: Option<Rate>| -> Result<Option<Rate>, ConfigError> {
            match var(&name) {
                None => Ok(default),
                Some(value) if value.eq_ignore_ascii_case("off") => Ok(None),
                Some(value) => {
                    value.parse::<Rate>().map(Some).map_err(|e| ConfigError::setting(&name, &format!("{e}, or off")))
                }
            }
        };
        let mut limits = RateLimits { enabled, ..RateLimits::default() };
        for kind in LimitKind::ALL {
            let defaults = kind.defaults();
            let variable = format!("BOBINE_RATE_LIMIT_{}", kind.name());
            let per_address = rate(variable.clone(), defaults.per_address)?;
            // Logins are limited per account by the login throttle, not by a rate.
            let per_email = match defaults.per_email {
                Some(default) => rate(format!("{variable}_EMAIL"), Some(default))?,
                None => None,
            };
            limits = limits.with(kind, Limits { per_address, per_email });
        }
        Ok(limits)
    }
}

/// Reads `BOBINE_TRUSTED_PROXIES`: the addresses and ranges of the reverse proxies in front of
/// the server, whose `X-Forwarded-For` says who the client is. Nobody by default.
pub fn trusted_proxies_from_env() -> Result<TrustedProxies, ConfigError> {
    let value = std::env::var("BOBINE_TRUSTED_PROXIES").unwrap_or_default();
    TrustedProxies::parse(&value)
        .map_err(|e| ConfigError::setting("BOBINE_TRUSTED_PROXIES", &format!("{e}; separate several with commas")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(vars: &[(&str, &str)]) -> Result<RateLimits, ConfigError> {
        RateLimits::from_vars(|name| vars.iter().find(|(n, _)| *n == name).map(|(_, v)| (*v).to_owned()))
    }

    #[test]
    fn rate_limits_are_on_with_their_defaults_unless_told_otherwise() {
        assert_eq!(read(&[]).unwrap(), RateLimits::default());
        assert_eq!(read(&[("BOBINE_RATE_LIMITS", " ON ")]).unwrap(), RateLimits::default());
        let off = read(&[("BOBINE_RATE_LIMITS", "off")]).unwrap();
        assert!(!off.enabled);
        assert_eq!(off.of(LimitKind::Pledges), Limits { per_address: None, per_email: None });
    }

    #[test]
    fn each_kind_takes_its_own_rates() {
        let limits = read(&[
            ("BOBINE_RATE_LIMIT_PLEDGES", "100/60s"),
            ("BOBINE_RATE_LIMIT_PLEDGES_EMAIL", "off"),
            ("BOBINE_RATE_LIMIT_LOGINS", "10/1m"),
        ])
        .unwrap();
        let pledges = limits.of(LimitKind::Pledges);
        assert_eq!(pledges.per_address, Some("100/60s".parse().unwrap()));
        assert_eq!(pledges.per_email, None);
        assert_eq!(limits.of(LimitKind::Logins).per_address, Some("10/1m".parse().unwrap()));
        assert_eq!(limits.of(LimitKind::Offers), LimitKind::Offers.defaults());
    }

    #[test]
    fn a_wrong_setting_is_named_with_what_it_should_be() {
        let error = read(&[("BOBINE_RATE_LIMITS", "maybe")]).unwrap_err();
        assert_eq!(error.field, "BOBINE_RATE_LIMITS");
        let error = read(&[("BOBINE_RATE_LIMIT_OFFERS_EMAIL", "3 per hour")]).unwrap_err();
        assert_eq!(error.field, "BOBINE_RATE_LIMIT_OFFERS_EMAIL");
        assert!(error.message.contains("such as 30/60s"), "{}", error.message);
    }
}
