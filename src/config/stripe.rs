//! Stripe's keys and limits, from the environment only: secrets never sit in campaign.toml,
//! which a team may well keep in a repository.

use std::time::Duration;

use super::error::ConfigError;
use super::payments::Payments;

/// Stripe's API, where the keys are not test ones pointed elsewhere.
pub const STRIPE_API: &str = "https://api.stripe.com";

/// How bobine reaches Stripe.
#[derive(Clone, PartialEq, Eq)]
pub struct StripeSettings {
    /// `BOBINE_STRIPE_SECRET_KEY`: `sk_live_...`, `sk_test_...` or a restricted `rk_...` key.
    pub secret_key: String,
    /// `BOBINE_STRIPE_WEBHOOK_SECRET`: the signing secret of the webhook endpoint, `whsec_...`.
    pub webhook_secret: String,
    /// `BOBINE_STRIPE_API_URL`: Stripe's API, or a stand-in of it for tests.
    pub api_url: String,
    /// `BOBINE_STRIPE_RATE`: requests a second at most while charging at the close, in this
    /// process: instances sharing an account add up.
    pub rate: u32,
    /// How long one request may take before its answer is taken as unknown.
    pub timeout: Duration,
}

// The secrets stay out of logs and panics.
impl std::fmt::Debug for StripeSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StripeSettings")
            .field("api_url", &self.api_url)
            .field("rate", &self.rate)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl StripeSettings {
    /// Settings with Stripe's defaults around two keys.
    pub fn new(secret_key: &str, webhook_secret: &str) -> StripeSettings {
        StripeSettings {
            secret_key: secret_key.to_owned(),
            webhook_secret: webhook_secret.to_owned(),
            api_url: STRIPE_API.to_owned(),
            rate: 20,
            timeout: Duration::from_secs(30),
        }
    }

    /// Reads the `BOBINE_STRIPE_*` variables; `None` when no key is set.
    pub fn from_env() -> Result<Option<StripeSettings>, ConfigError> {
        let var = |name: &str| std::env::var(name).ok().map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        let (secret_key, webhook_secret) = match (var("BOBINE_STRIPE_SECRET_KEY"), var("BOBINE_STRIPE_WEBHOOK_SECRET"))
        {
            (None, None) => return Ok(None),
            (Some(key), Some(secret)) => (key, secret),
            (Some(_), None) => {
                return Err(ConfigError::setting(
                    "BOBINE_STRIPE_WEBHOOK_SECRET",
                    "is needed with BOBINE_STRIPE_SECRET_KEY: the signing secret (whsec_...) of the webhook \
                     endpoint made for this site in Stripe's dashboard",
                ));
            }
            (None, Some(_)) => {
                return Err(ConfigError::setting(
                    "BOBINE_STRIPE_SECRET_KEY",
                    "is needed with BOBINE_STRIPE_WEBHOOK_SECRET: the secret key (sk_live_... or sk_test_...) \
                     from Stripe's dashboard",
                ));
            }
        };
        let mut settings = StripeSettings::new(&secret_key, &webhook_secret);
        if let Some(url) = var("BOBINE_STRIPE_API_URL") {
            settings.api_url = url;
        }
        if let Some(rate) = var("BOBINE_STRIPE_RATE") {
            settings.rate = rate.parse().unwrap_or(0);
        }
        settings.check()?;
        Ok(Some(settings))
    }

    /// Where Stripe's Checkout pages are, which backers are sent to: Stripe's own, or the
    /// stand-in's when the API is one.
    pub fn checkout_origin(&self) -> String {
        if self.api_url.trim_end_matches('/') == STRIPE_API {
            return "https://checkout.stripe.com".to_owned();
        }
        url::Url::parse(&self.api_url).map_or_else(|_| self.api_url.clone(), |url| url.origin().ascii_serialization())
    }

    /// Refuses keys that are not Stripe's shape, an API address that is not one, and a rate
    /// outside Stripe's limits.
    pub fn check(&self) -> Result<(), ConfigError> {
        if !["sk_", "rk_"].iter().any(|p| self.secret_key.starts_with(p))
            || self.secret_key.contains(char::is_whitespace)
        {
            return Err(ConfigError::setting(
                "BOBINE_STRIPE_SECRET_KEY",
                "is not a Stripe secret key: it starts with sk_live_, sk_test_ or rk_ (the publishable pk_ key \
                 cannot charge)",
            ));
        }
        if !self.webhook_secret.starts_with("whsec_") {
            return Err(ConfigError::setting(
                "BOBINE_STRIPE_WEBHOOK_SECRET",
                "is not a webhook signing secret: it starts with whsec_ (shown on the webhook endpoint's page)",
            ));
        }
        match url::Url::parse(&self.api_url) {
            Ok(url) if matches!(url.scheme(), "http" | "https") && url.has_host() => {}
            _ => {
                return Err(ConfigError::setting(
                    "BOBINE_STRIPE_API_URL",
                    "is not an absolute http:// or https:// address (leave it unset for Stripe's own)",
                ));
            }
        }
        if !(1..=100).contains(&self.rate) {
            return Err(ConfigError::setting(
                "BOBINE_STRIPE_RATE",
                "is a whole number of requests a second from 1 to 100 (Stripe allows 100 in live mode)",
            ));
        }
        Ok(())
    }
}

/// Refuses a campaign that offers cards or TWINT without the keys to reach Stripe.
pub fn check_methods(payments: Option<&Payments>, stripe: Option<&StripeSettings>) -> Result<(), ConfigError> {
    let Some(payments) = payments else {
        return Ok(());
    };
    if payments.uses_stripe() && stripe.is_none() {
        let listed: Vec<String> = payments.methods.iter().filter(|m| m.is_stripe()).map(|m| m.to_string()).collect();
        return Err(ConfigError::setting(
            "BOBINE_STRIPE_SECRET_KEY",
            &format!(
                "campaign.toml offers {} under [payments] methods: set BOBINE_STRIPE_SECRET_KEY and \
                 BOBINE_STRIPE_WEBHOOK_SECRET (see the README), or offer \"bank\" only",
                listed.join(" and ")
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_of_the_wrong_kind_are_refused_with_the_variable_named() {
        assert!(StripeSettings::new("sk_test_abc", "whsec_abc").check().is_ok());
        assert!(StripeSettings::new("rk_live_abc", "whsec_abc").check().is_ok());
        let publishable = StripeSettings::new("pk_test_abc", "whsec_abc").check().unwrap_err();
        assert_eq!(publishable.field, "BOBINE_STRIPE_SECRET_KEY");
        let webhook = StripeSettings::new("sk_test_abc", "sk_test_abc").check().unwrap_err();
        assert_eq!(webhook.field, "BOBINE_STRIPE_WEBHOOK_SECRET");
        let url = StripeSettings { api_url: "api.stripe.com".into(), ..StripeSettings::new("sk_test_a", "whsec_a") };
        assert_eq!(url.check().unwrap_err().field, "BOBINE_STRIPE_API_URL");
        let rate = StripeSettings { rate: 0, ..StripeSettings::new("sk_test_a", "whsec_a") };
        assert_eq!(rate.check().unwrap_err().field, "BOBINE_STRIPE_RATE");
    }

    #[test]
    fn the_secrets_never_show_in_debug_output() {
        let shown = format!("{:?}", StripeSettings::new("sk_live_secret", "whsec_secret"));
        assert!(!shown.contains("secret"), "{shown}");
    }
}
