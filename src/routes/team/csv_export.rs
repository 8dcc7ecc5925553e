//! The pledge export's CSV: every cell quoted, and kept from being run as a formula by the
//! spreadsheet that opens the file.

use rocket::FromFormField;

/// A cell kept from being run as a formula by spreadsheet programs: a `'` before whatever
/// would start one, at the start of the cell and after any character a spreadsheet may take
/// for a separator (a file opened with `;` as separator splits `x;=2*21` in two).
pub(super) fn defused(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    let mut at_start = true;
    for c in text.chars() {
        if at_start && matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r') {
            out.push('\'');
        }
        out.push(c);
        at_start = matches!(c, ',' | ';' | '\t' | '\n' | '\r');
    }
    out
}

/// The separator of an export: commas by default, semicolons for the spreadsheets that
/// expect them (the Swiss and German defaults).
#[derive(Debug, Clone, Copy, PartialEq, Eq, FromFormField)]
pub(super) enum Separator {
    Comma,
    Semicolon,
}

impl Separator {
    fn byte(self) -> u8 {
        match self {
            Separator::Comma => b',',
            Separator::Semicolon => b';',
        }
    }
}

/// Writes rows as CSV lines (RFC 4180, CRLF), every cell quoted.
pub(super) fn csv_lines<I, R>(rows: I, separator: Separator) -> Result<String, csv::Error>
where
    I: IntoIterator<Item = R>,
    R: IntoIterator<Item = String>,
{
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .delimiter(separator.byte())
        .quote_style(csv::QuoteStyle::Always)
        .from_writer(Vec::new());
    for row in rows {
        writer.write_record(row)?;
    }
    let bytes = writer.into_inner().map_err(|e| csv::Error::from(e.into_error()))?;
    // Every cell went in as UTF-8, and the writer only adds ASCII.
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused_at_the_start_and_after_any_separator() {
        assert_eq!(defused("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(defused("x;=2*21;y"), "x;'=2*21;y");
        assert_eq!(defused("a,+1\t@SUM(A1)"), "a,'+1\t'@SUM(A1)");
        assert_eq!(defused("Jean-Luc +41 22"), "Jean-Luc +41 22");
        assert_eq!(defused("-5"), "'-5");
    }

    #[test]
    fn every_cell_is_quoted_with_either_separator() {
        let row = || [vec!["a;b".to_owned(), "x\"y".to_owned()]];
        assert_eq!(csv_lines(row(), Separator::Comma).unwrap(), "\"a;b\",\"x\"\"y\"\r\n");
        assert_eq!(csv_lines(row(), Separator::Semicolon).unwrap(), "\"a;b\";\"x\"\"y\"\r\n");
    }

    mod properties {
        //! For any cells, the file reads back as exactly those cells, each quoted, and no cell
        //! read back holds a formula where a spreadsheet would start one.

        use proptest::prelude::*;

        use super::*;

        const TRIGGERS: [char; 4] = ['=', '+', '-', '@'];

        /// Cells as people fill them in, with what breaks CSV and what starts formulas.
        fn cell() -> impl Strategy<Value = String> {
            prop_oneof![any::<String>(), "[a-z=+@\\-,;\t\r\n\" ']{0,12}"]
        }

        /// Rows of one width, as the export writes them.
        fn rows() -> impl Strategy<Value = Vec<Vec<String>>> {
            (1..6usize).prop_flat_map(|width| prop::collection::vec(prop::collection::vec(cell(), width), 0..5))
        }

        fn separator() -> impl Strategy<Value = Separator> {
            prop_oneof![Just(Separator::Comma), Just(Separator::Semicolon)]
        }

        fn read_back(text: &str, separator: Separator) -> Vec<Vec<String>> {
            let mut reader =
                csv::ReaderBuilder::new().has_headers(false).delimiter(separator.byte()).from_reader(text.as_bytes());
            reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect()
        }

        /// Whether every cell of `text` is quoted: outside quotes there is nothing but
        /// separators and line ends, and every cell opens with a quote.
        fn all_quoted(text: &str, separator: Separator) -> bool {
            let separator = char::from(separator.byte());
            let (mut quoted, mut cell_start) = (false, true);
            for c in text.chars() {
                if quoted {
                    quoted = c != '"';
                } else if c == '"' {
                    // An opening quote, or the second of a doubled quote inside a cell.
                    quoted = true;
                    cell_start = false;
                } else if c == separator || c == '\n' {
                    if cell_start {
                        return false;
                    }
                    cell_start = true;
                } else if c != '\r' || cell_start {
                    return false;
                }
            }
            !quoted
        }

        /// Where a spreadsheet may start a formula in `cell`: its first character, and the one
        /// after each character it may take for a separator.
        fn formula_starts(cell: &str) -> Vec<char> {
            let mut starts = Vec::new();
            let mut at_start = true;
            for c in cell.chars() {
                if at_start {
                    starts.push(c);
                }
                at_start = matches!(c, ',' | ';' | '\t' | '\n' | '\r');
            }
            starts
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(300))]

            #[test]
            fn any_cells_read_back_exactly_and_quoted(rows in rows(), separator in separator()) {
                let text = csv_lines(rows.clone(), separator).unwrap();
                prop_assert_eq!(read_back(&text, separator), rows);
                prop_assert!(all_quoted(&text, separator), "{:?}", text);
            }

            #[test]
            fn defused_cells_read_back_with_no_formula_to_run(rows in rows(), separator in separator()) {
                let defused_rows: Vec<Vec<String>> =
                    rows.iter().map(|row| row.iter().map(|cell| defused(cell)).collect()).collect();
                let text = csv_lines(defused_rows.clone(), separator).unwrap();
                let read = read_back(&text, separator);
                prop_assert_eq!(&read, &defused_rows);
                for cell in read.iter().flatten() {
                    let starts = formula_starts(cell);
                    prop_assert!(!starts.iter().any(|c| TRIGGERS.contains(c)), "{:?}", cell);
                }
            }

            #[test]
            fn defusing_only_adds_apostrophes_before_formulas(cell in cell()) {
                let out = defused(&cell);
                let (mut typed, mut written) = (cell.chars().peekable(), out.chars().peekable());
                // Walks both: every character written is the typed one, or an apostrophe that
                // the next written character (a formula's start) needed.
                while let Some(c) = written.next() {
                    if typed.peek() == Some(&c) {
                        typed.next();
                    } else {
                        prop_assert_eq!(c, '\'', "{:?} became {:?}", cell, out);
                        let next = written.peek().copied();
                        prop_assert!(next.is_some_and(|n| matches!(n, '=' | '+' | '-' | '@' | '\t' | '\r')), "{:?} became {:?}", cell, out);
                    }
                }
                prop_assert!(typed.next().is_none(), "{:?} became {:?}", cell, out);
                if formula_starts(&cell).iter().all(|c| !matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r')) {
                    prop_assert_eq!(out, cell, "a cell with no formula is written as typed");
                }
            }
        }
    }
}
