//! Stripe's webhook signature: `Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>...]`, where each
//! `v1` is the hex HMAC-SHA256 of `"<t>.<raw body>"` keyed with the endpoint's secret. Several
//! `v1` appear while a secret is being rolled: any one may match.

use hmac::{KeyInit, Mac};
use sha2::Sha256;

use super::digest::hex;

/// How far the signed time may be from ours: an old signed request replayed later is refused.
pub const TOLERANCE_SECONDS: i64 = 300;

/// Why a webhook is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    #[error("the Stripe-Signature header is missing or has no t= and v1=")]
    Malformed,
    #[error("the signature was made more than five minutes away from now")]
    Stale,
    #[error("no signature matches the body")]
    Mismatch,
}

/// The hex HMAC-SHA256 of `"<timestamp>.<body>"` with `secret`.
pub fn sign(secret: &str, timestamp: i64, body: &[u8]) -> String {
    hex(&mac(secret, timestamp, body).finalize().into_bytes())
}

fn mac(secret: &str, timestamp: i64, body: &[u8]) -> hmac::Hmac<Sha256> {
    let mut mac = <hmac::Hmac<Sha256> as KeyInit>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    mac
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok()).collect()
}

/// Checks `header` against the raw `body` at `now` (Unix seconds).
pub fn verify(secret: &str, header: &str, body: &[u8], now: i64) -> Result<(), SignatureError> {
    let mut timestamp = None;
    let mut signatures = Vec::new();
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", value)) => timestamp = value.parse::<i64>().ok(),
            Some(("v1", value)) => signatures.push(value),
            _ => {}
        }
    }
    let Some(timestamp) = timestamp else {
        return Err(SignatureError::Malformed);
    };
    if signatures.is_empty() {
        return Err(SignatureError::Malformed);
    }
    if (now - timestamp).abs() > TOLERANCE_SECONDS {
        return Err(SignatureError::Stale);
    }
    // `verify_slice` compares in constant time.
    let matches = signatures
        .iter()
        .filter_map(|signature| unhex(signature))
        .any(|signature| mac(secret, timestamp, body).verify_slice(&signature).is_ok());
    if matches { Ok(()) } else { Err(SignatureError::Mismatch) }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "whsec_test_secret";
    const BODY: &[u8] = br#"{"id":"evt_1","type":"payment_intent.succeeded"}"#;
    const VECTOR: &str = "22d8dc182f5c588077683bd378368e29765bfe5df2560112b4f28fef120f0e31";

    #[test]
    fn the_published_test_vector_signs_and_verifies() {
        assert_eq!(sign(SECRET, 1_700_000_000, BODY), VECTOR);
        assert_eq!(verify(SECRET, &format!("t=1700000000,v1={VECTOR}"), BODY, 1_700_000_100), Ok(()));
    }

    #[test]
    fn any_of_several_signatures_may_match() {
        let header = format!("t=1700000000,v1={},v0=abc,v1={VECTOR}", "0".repeat(64));
        assert_eq!(verify(SECRET, &header, BODY, 1_700_000_000), Ok(()));
    }

    #[test]
    fn a_stale_a_tampered_a_wrongly_keyed_or_a_malformed_signature_is_refused() {
        let header = format!("t=1700000000,v1={VECTOR}");
        assert_eq!(verify(SECRET, &header, BODY, 1_700_000_301), Err(SignatureError::Stale));
        assert_eq!(verify(SECRET, &header, BODY, 1_699_999_699), Err(SignatureError::Stale));
        assert_eq!(
            verify(SECRET, &header, br#"{"id":"evt_2","type":"payment_intent.succeeded"}"#, 1_700_000_000),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(verify("whsec_other", &header, BODY, 1_700_000_000), Err(SignatureError::Mismatch));
        assert_eq!(verify(SECRET, "t=1700000000", BODY, 1_700_000_000), Err(SignatureError::Malformed));
        assert_eq!(verify(SECRET, &format!("v1={VECTOR}"), BODY, 1_700_000_000), Err(SignatureError::Malformed));
        assert_eq!(verify(SECRET, "t=1700000000,v1=zz", BODY, 1_700_000_000), Err(SignatureError::Mismatch));
        assert_eq!(verify(SECRET, "", BODY, 1_700_000_000), Err(SignatureError::Malformed));
    }
}
