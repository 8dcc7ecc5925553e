//! Identifiers: reward slugs, and the random tokens and references given to pledges.

use std::fmt;

use base64::Engine;
use rand::RngCore;

/// A reward's id from the campaign file: 1 to 64 lower-case letters, digits and dashes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RewardId(String);

/// Why a text cannot be a reward id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a reward id has 1 to 64 lower-case letters, digits and dashes")]
pub struct InvalidRewardId;

impl RewardId {
    pub fn parse(text: &str) -> Result<RewardId, InvalidRewardId> {
        let ok = !text.is_empty()
            && text.len() <= 64
            && !text.starts_with('-')
            && !text.ends_with('-')
            && text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if ok { Ok(RewardId(text.to_owned())) } else { Err(InvalidRewardId) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RewardId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A fresh secret of 256 random bits, URL-safe: a private link (pledge, designer), a form or
/// setup token, a one-time key.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// Whether a text has the shape of a secret made by [`new_secret`]: what has not cannot be
/// one, and is not looked for (a NUL byte, for one, is refused by PostgreSQL).
pub fn looks_like_secret(text: &str) -> bool {
    text.len() == 43 && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// A secret shaped as [`new_secret`]'s (43 characters, 192 random bits) that starts with the
/// time `at_ms`: secrets made one after another sort one after another, so an index on them
/// grows at its end instead of changing a page at random for each (100,000 unsubscribe keys
/// of one update would otherwise rewrite a page each).
pub fn new_ordered_secret(at_ms: i64) -> String {
    let random = new_secret();
    format!("{:011x}{}", at_ms.max(0), &random[..32])
}

/// Whether a secret someone sent is the one we hold, in time that does not tell how much of
/// it was right.
pub fn secrets_match(held: &str, sent: &str) -> bool {
    use subtle::ConstantTimeEq;
    bool::from(held.as_bytes().ct_eq(sent.as_bytes()))
}

/// The SHA-256 hash of a secret, URL-safe: what is stored in place of a secret that must be
/// found again (a session), so that a copy of the database opens nothing. A secret of 256
/// random bits needs no salt nor slow hash.
pub fn secret_hash(secret: &str) -> String {
    use sha2::{Digest, Sha256};
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(secret.as_bytes()))
}

/// Letters and digits that cannot be mistaken for one another when read aloud or copied
/// into a bank transfer (no I, L, O, U, 0, 1).
const REFERENCE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A short reference such as `BX7K-3M9Q`, for bank transfers and support; unique in the
/// database, not secret.
pub fn new_pledge_reference() -> String {
    let mut rng = rand::rng();
    let mut reference = String::with_capacity(9);
    for i in 0..8 {
        if i == 4 {
            reference.push('-');
        }
        let pick = (rng.next_u32() as usize) % REFERENCE_ALPHABET.len();
        reference.push(REFERENCE_ALPHABET[pick] as char);
    }
    reference
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordered_secrets_look_like_secrets_and_sort_by_time() {
        let (early, late) = (new_ordered_secret(1_795_000_000_000), new_ordered_secret(1_795_000_000_001));
        assert!(looks_like_secret(&early) && looks_like_secret(&late), "{early} {late}");
        assert!(early < late && early[11..] != late[11..]);
    }

    #[test]
    fn reward_ids_are_slugs() {
        assert!(RewardId::parse("sac-upcycle-2").is_ok());
        for bad in ["", "Sac", "sac upcycle", "-sac", "sac-", "é", &"a".repeat(65)] {
            assert!(RewardId::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn tokens_and_references_have_their_shape() {
        let token = new_secret();
        assert_eq!(token.len(), 43);
        assert_ne!(token, new_secret());
        let reference = new_pledge_reference();
        assert_eq!(reference.len(), 9);
        assert_eq!(&reference[4..5], "-");
    }

    #[test]
    fn only_what_has_the_shape_of_a_secret_looks_like_one() {
        assert!(looks_like_secret(&new_secret()));
        assert!(!looks_like_secret(""));
        assert!(!looks_like_secret(&format!("{}\0", &new_secret()[..42])));
        assert!(!looks_like_secret(&"é".repeat(43)));
    }

    #[test]
    fn a_secrets_hash_is_fixed_and_tells_nothing_of_it() {
        let secret = new_secret();
        assert_eq!(secret_hash(&secret), secret_hash(&secret));
        assert_ne!(secret_hash(&secret), secret_hash(&new_secret()));
        assert_eq!(secret_hash(&secret).len(), 43);
        assert!(!secret_hash(&secret).contains(&secret[..8]));
        assert_eq!(secret_hash("abc"), "ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
    }

    #[test]
    fn secrets_match_only_themselves() {
        let secret = new_secret();
        assert!(secrets_match(&secret, &secret.clone()));
        assert!(!secrets_match(&secret, &secret[..42]));
        assert!(!secrets_match(&secret, ""));
        assert!(!secrets_match(&secret, &new_secret()));
    }
}
