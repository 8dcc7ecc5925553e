//! People's names as they give them.

/// A name as a person gave it: trimmed, 1 to 100 characters, no control characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonName(String);

/// Why a text is not an acceptable name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvalidName {
    #[error("the name is empty")]
    Empty,
    #[error("the name is longer than 100 characters")]
    TooLong,
    #[error("the name contains characters that cannot be shown")]
    Control,
}

impl InvalidName {
    /// The message that says what is wrong, to the person who typed it.
    pub fn message_key(&self) -> &'static str {
        match self {
            InvalidName::Empty => "error-name-empty",
            InvalidName::TooLong => "error-name-too-long",
            InvalidName::Control => "error-name-control",
        }
    }
}

impl PersonName {
    /// Accepts any script and punctuation, since people's names take every form.
    pub fn parse(text: &str) -> Result<PersonName, InvalidName> {
        let text = text.trim();
        if text.is_empty() {
            return Err(InvalidName::Empty);
        }
        if text.chars().count() > 100 {
            return Err(InvalidName::TooLong);
        }
        if text.chars().any(char::is_control) {
            return Err(InvalidName::Control);
        }
        Ok(PersonName(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(PersonName::parse("  Zoé N'Diaye ").unwrap().as_str(), "Zoé N'Diaye");
        assert_eq!(PersonName::parse(" "), Err(InvalidName::Empty));
        assert_eq!(PersonName::parse(&"x".repeat(101)), Err(InvalidName::TooLong));
        assert_eq!(PersonName::parse("a\u{0}b"), Err(InvalidName::Control));
    }
}
