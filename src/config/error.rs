//! Errors in the campaign file, each naming the file, the line and the field.

use std::fmt;
use std::path::{Path, PathBuf};

/// One mistake in the campaign file, located for the person who edits it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub file: PathBuf,
    /// 1-based; `None` when the mistake is the file as a whole (missing, unreadable).
    pub line: Option<usize>,
    /// The field as a path, such as `rewards[3].minimum`.
    pub field: String,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}: {}", self.file.display(), line, self.field, self.message),
            None => write!(f, "{}: {}: {}", self.file.display(), self.field, self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

impl ConfigError {
    /// A mistake in an environment variable rather than in the campaign file.
    pub fn setting(variable: &str, message: &str) -> ConfigError {
        ConfigError { file: PathBuf::from("environment"), line: None, field: variable.into(), message: message.into() }
    }
}

/// Builds errors against one file's text, turning byte offsets into line numbers.
pub(crate) struct Locator<'a> {
    pub file: &'a Path,
    pub source: &'a str,
}

impl Locator<'_> {
    /// The 1-based line of a byte offset. Counted in bytes, since an offset may fall inside a
    /// character (a newline byte never does).
    pub fn line_of(&self, offset: usize) -> usize {
        let end = offset.min(self.source.len());
        self.source.as_bytes()[..end].iter().filter(|&&b| b == b'\n').count() + 1
    }

    pub fn at(&self, offset: usize, field: impl Into<String>, message: impl Into<String>) -> ConfigError {
        ConfigError {
            file: self.file.to_owned(),
            line: Some(self.line_of(offset)),
            field: field.into(),
            message: message.into(),
        }
    }

    /// Turns a TOML syntax or type error into one that names the key written on its line.
    pub fn toml_error(&self, error: &toml::de::Error) -> ConfigError {
        let offset = error.span().map_or(0, |span| span.start);
        let line = self.line_of(offset);
        let line_text = self.source.lines().nth(line - 1).unwrap_or("");
        let field = match line_text.split_once('=') {
            Some((key, _)) => key.trim().to_owned(),
            None => line_text.trim().trim_matches(['[', ']']).to_owned(),
        };
        let message = error.message().trim().replace('\n', " ");
        self.at(offset, if field.is_empty() { "(file)".to_owned() } else { field }, message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_offset_inside_a_letter_has_the_line_of_that_letter() {
        let at = Locator { file: Path::new("campaign.toml"), source: "slug = \"a\"\ntitle.fr = \"été\"\n" };
        let inside_e = at.source.find('é').unwrap() + 1;
        assert_eq!(at.line_of(inside_e), 2);
        assert_eq!(at.line_of(0), 1);
        assert_eq!(at.line_of(usize::MAX), 3);
    }
}
