//! Email addresses as backers type them.

use std::fmt;

/// A plausible email address: one `@`, a local part, a domain with a dot, no spaces.
/// Its domain is lower-cased; the local part is kept as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

/// Why a text is not an email address.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("this is not an email address")]
pub struct InvalidEmail;

impl Email {
    /// Checks the shape of an address; delivery is what proves it exists.
    pub fn parse(text: &str) -> Result<Email, InvalidEmail> {
        let text = text.trim();
        if text.len() > 254 || text.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(InvalidEmail);
        }
        let (local, domain) = text.rsplit_once('@').ok_or(InvalidEmail)?;
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '.');
        if local.is_empty() || local.len() > 64 || local.contains('@') || !domain_ok {
            return Err(InvalidEmail);
        }
        Ok(Email(format!("{local}@{}", domain.to_lowercase())))
    }

    /// The address as stored and used for sending.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The key that tells two addresses apart when counting backers.
    pub fn identity(&self) -> String {
        self.0.to_lowercase()
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_addresses() {
        assert_eq!(Email::parse(" Anne.Dupont@Example.CH ").unwrap().as_str(), "Anne.Dupont@example.ch");
        assert!(Email::parse("a+b@atelier-geneve.ch").is_ok());
        assert!(Email::parse("zoé@exemple.ch").is_ok());
    }

    #[test]
    fn refuses_what_is_not_an_address() {
        for bad in [
            "",
            "anne",
            "anne@",
            "@example.ch",
            "anne@example",
            "an ne@example.ch",
            "a@b@c.ch",
            "a@.ch",
            "a@b..ch",
            "a@b.ch.",
        ] {
            assert_eq!(Email::parse(bad), Err(InvalidEmail), "{bad}");
        }
    }
}
