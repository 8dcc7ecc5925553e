//! Free text people type into forms: descriptions, bios, notes.

/// Why a text is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    #[error("the text is empty")]
    Empty,
    #[error("the text is longer than {0} characters")]
    TooLong(usize),
    #[error("the text contains characters that cannot be shown")]
    Control,
}

/// A text trimmed, with Windows line ends made plain, at most `max` characters, and no
/// control characters but line breaks and tabs. Empty is allowed; see [`required`].
pub fn bounded(text: &str, max: usize) -> Result<String, TextError> {
    let text = text.trim().replace("\r\n", "\n");
    if text.chars().count() > max {
        return Err(TextError::TooLong(max));
    }
    if text.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err(TextError::Control);
    }
    Ok(text)
}

/// As [`bounded`], and not empty.
pub fn required(text: &str, max: usize) -> Result<String, TextError> {
    let text = bounded(text, max)?;
    if text.is_empty() { Err(TextError::Empty) } else { Ok(text) }
}

/// As [`bounded`], with an empty text meaning none.
pub fn optional(text: Option<&str>, max: usize) -> Result<Option<String>, TextError> {
    let text = bounded(text.unwrap_or_default(), max)?;
    Ok((!text.is_empty()).then_some(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_trimmed_bounded_and_printable() {
        assert_eq!(required("  Je couds.\r\nBeaucoup. ", 50).unwrap(), "Je couds.\nBeaucoup.");
        assert_eq!(required("   ", 50), Err(TextError::Empty));
        assert_eq!(bounded(&"é".repeat(11), 10), Err(TextError::TooLong(10)));
        assert_eq!(bounded("a\u{7}b", 10), Err(TextError::Control));
        assert_eq!(optional(Some("  "), 10).unwrap(), None);
        assert_eq!(optional(None, 10).unwrap(), None);
    }
}
