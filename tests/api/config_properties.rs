//! Whatever a campaign file holds, reading it never crashes: it gives a campaign, or an
//! error that names the file (and a line within it), for `bobine check-config` to print.

use std::path::Path;

use bobine::config::Campaign;
use proptest::prelude::*;

use crate::helpers::fixture;

/// One edit of a campaign file, as a slip of the keyboard or a bad merge would make it.
#[derive(Debug, Clone)]
enum Edit {
    /// Replaces `len` bytes from `start` (both wrapped into the text and moved back to the
    /// start of a character) with `text`.
    Replace {
        start: usize,
        len: usize,
        text: String,
    },
    /// Replaces the value of the `line`th line that has one by the first `cut` bytes of it
    /// and `text`, quoted: a value retyped half-way, as `deadline = "2027-11-07T23:5é"`.
    Retype {
        line: usize,
        cut: usize,
        text: String,
    },
    DeleteLine(usize),
    DuplicateLine(usize),
}

/// Any text, or text made of what campaign files are made of: keys, quotes, dates, brackets.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), "[a-z_.=\"'\\[\\]{}, 0-9T:+\\-Zé\n]{0,30}"]
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        2 => (any::<usize>(), 0..40usize, text()).prop_map(|(start, len, text)| Edit::Replace { start, len, text }),
        2 => (any::<usize>(), 0..30usize, text()).prop_map(|(line, cut, text)| Edit::Retype { line, cut, text }),
        1 => any::<usize>().prop_map(Edit::DeleteLine),
        1 => any::<usize>().prop_map(Edit::DuplicateLine),
    ]
}

/// The largest character boundary of `text` at or before `at`.
fn boundary(text: &str, at: usize) -> usize {
    (0..=at.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0)
}

fn apply(source: &mut String, edit: &Edit) {
    match edit {
        Edit::Replace { start, len, text } => {
            let start = boundary(source, start % (source.len() + 1));
            let end = boundary(source, start + len).max(start);
            source.replace_range(start..end, text);
        }
        Edit::Retype { line, cut, text } => {
            let values: Vec<(usize, usize)> = source
                .match_indices(" = ")
                .map(|(at, _)| (at + 3, source[at..].find('\n').map_or(source.len(), |end| at + end)))
                .collect();
            if let Some(&(start, end)) = values.get(line % values.len().max(1)) {
                let value = source[start..end].trim_matches('"');
                let kept = &value[..boundary(value, *cut)];
                let retyped = format!("\"{kept}{}\"", text.replace(['"', '\\', '\n'], ""));
                source.replace_range(start..end, &retyped);
            }
        }
        Edit::DeleteLine(at) | Edit::DuplicateLine(at) => {
            let mut lines: Vec<&str> = source.lines().collect();
            if lines.is_empty() {
                return;
            }
            let at = at % lines.len();
            if matches!(edit, Edit::DeleteLine(_)) {
                lines.remove(at);
            } else {
                lines.insert(at, lines[at]);
            }
            *source = lines.join("\n") + "\n";
        }
    }
}

/// Reads `source` as `edited.toml`: a campaign, or an error naming that file and, when it
/// has one, a line of it.
fn parses_or_names_the_file(source: &str) -> Result<(), TestCaseError> {
    let path = Path::new("edited.toml");
    if let Err(error) = Campaign::parse(path, source) {
        prop_assert_eq!(&error.file, path);
        let message = error.to_string();
        prop_assert!(message.starts_with("edited.toml:"), "{}", message);
        if let Some(line) = error.line {
            // The line after the last is where a file that ends with a newline ends.
            prop_assert!(line >= 1 && line <= source.lines().count() + 1, "line {} of {:?}", line, source);
        }
    }
    Ok(())
}

proptest! {
    // A few hundred files each: seconds in a debug build.
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_text_is_read_without_crashing(source in text()) {
        parses_or_names_the_file(&source)?;
    }

    #[test]
    fn the_fixture_edited_at_random_is_read_without_crashing(edits in prop::collection::vec(edit(), 1..4)) {
        let mut source = std::fs::read_to_string(fixture()).unwrap();
        for edit in &edits {
            apply(&mut source, edit);
        }
        parses_or_names_the_file(&source)?;
    }

    #[test]
    fn a_date_typed_half_way_and_finished_with_anything_is_located(cut in 0..26usize, tail in text()) {
        let date = "2029-12-31T23:59:59+01:00";
        let typed = format!("{}{}", &date[..cut], tail.replace(['"', '\\', '\n'], ""));
        let source = std::fs::read_to_string(fixture()).unwrap();
        let source = source.replace("deadline = 2030-01-01T00:00:00+01:00", &format!("deadline = \"{typed}\""));
        parses_or_names_the_file(&source)?;
    }
}
