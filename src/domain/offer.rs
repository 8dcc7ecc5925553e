//! Offers of help without money, and how the team triages them.

/// A phone number as people write it: digits, spaces, `+`, `(`, `)`, `-`, `.` and `/`, with
/// 6 to 20 digits.
pub fn phone(text: &str) -> Option<String> {
    let text = text.trim();
    let digits = text.chars().filter(char::is_ascii_digit).count();
    let allowed = text.chars().all(|c| c.is_ascii_digit() || " +()-./".contains(c));
    (allowed && (6..=20).contains(&digits) && text.len() <= 30).then(|| text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_are_digits_and_punctuation() {
        assert_eq!(phone(" +41 22 123 45 67 ").as_deref(), Some("+41 22 123 45 67"));
        assert_eq!(phone("022/123.45.67").as_deref(), Some("022/123.45.67"));
        assert_eq!(phone("call me"), None);
        assert_eq!(phone("123"), None);
    }
}
