//! Team passwords: long enough to resist guessing, kept only as argon2id hashes.

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use base64::Engine;
use rand::RngCore;

/// The shortest password accepted, in characters.
pub const MIN_LENGTH: usize = 12;

/// A password a person chose or was given, checked for length.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(…)")
    }
}

/// Why a password is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a password needs at least {MIN_LENGTH} characters")]
pub struct TooShort;

impl Password {
    pub fn parse(text: &str) -> Result<Password, TooShort> {
        if text.chars().count() < MIN_LENGTH { Err(TooShort) } else { Ok(Password(text.to_owned())) }
    }

    /// A random password of 120 bits, for `bobine team add` when none is given.
    pub fn generate() -> Password {
        let mut bytes = [0u8; 15];
        rand::rng().fill_bytes(&mut bytes);
        Password(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The argon2id hash to store, with its own random salt.
    pub fn hash(&self) -> String {
        Argon2::default()
            .hash_password(self.0.as_bytes())
            .map(|hash| hash.to_string())
            // Hashing fails only on parameters out of range, and these are the defaults.
            .unwrap_or_default()
    }
}

/// Whether `attempt` matches a stored hash; a damaged hash matches nothing.
pub fn verify(attempt: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|hash| Argon2::default().verify_password(attempt.as_bytes(), &hash).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_only() {
        let password = Password::parse("correct horse battery").unwrap();
        let hash = password.hash();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify("correct horse battery", &hash));
        assert!(!verify("correct horse batterY", &hash));
        assert!(!verify("correct horse battery", "not a hash"));
    }

    #[test]
    fn short_passwords_are_refused_and_generated_ones_are_long() {
        assert_eq!(Password::parse("short"), Err(TooShort));
        assert!(Password::generate().as_str().len() >= MIN_LENGTH);
    }
}
