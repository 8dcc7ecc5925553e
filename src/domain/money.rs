//! Exact amounts of money: a `Decimal` in code, integer cents in the database.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;

/// Why a text is not an acceptable amount.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("the amount is empty")]
    Empty,
    #[error("the amount is not a number written with digits, like 50 or 50.00")]
    NotANumber,
    #[error("the amount must be more than zero")]
    NotPositive,
    #[error("the amount has more than two decimals")]
    TooPrecise,
    #[error("the amount is larger than {0}")]
    TooLarge(Money),
}

/// A positive amount with at most two decimals, below a fixed ceiling that keeps cents in `i64`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(Decimal);

/// No campaign takes a single pledge of a trillion; this keeps every sum far inside `i64` cents.
const CEILING_CENTS: i64 = 100_000_000_000_000;

impl Money {
    /// Parses what a person types: digits, then optionally `.` or `,` and one or two digits.
    /// Signs, exponents, `NaN`, spaces inside and thousands separators are refused.
    pub fn parse(text: &str) -> Result<Money, MoneyError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(MoneyError::Empty);
        }
        let (whole, fraction) = match text.find(['.', ',']) {
            Some(at) => (&text[..at], &text[at + 1..]),
            None => (text, ""),
        };
        let digits_only = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || !digits_only(whole) || !digits_only(fraction) {
            return Err(MoneyError::NotANumber);
        }
        if text.contains(['.', ',']) && fraction.is_empty() {
            return Err(MoneyError::NotANumber);
        }
        if fraction.trim_end_matches('0').len() > 2 {
            return Err(MoneyError::TooPrecise);
        }
        let whole = whole.trim_start_matches('0');
        if whole.len() > 12 {
            return Err(MoneyError::TooLarge(Money(Decimal::new(CEILING_CENTS, 2))));
        }
        let whole: i64 = if whole.is_empty() { 0 } else { whole.parse().map_err(|_| MoneyError::NotANumber)? };
        let fraction = fraction.trim_end_matches('0');
        let cents_part: i64 = match fraction.len() {
            0 => 0,
            1 => fraction.parse::<i64>().map_err(|_| MoneyError::NotANumber)? * 10,
            _ => fraction.parse().map_err(|_| MoneyError::NotANumber)?,
        };
        Money::try_from_cents(whole * 100 + cents_part)
    }

    /// An amount from cents, as stored in the database.
    pub fn try_from_cents(cents: i64) -> Result<Money, MoneyError> {
        if cents <= 0 {
            return Err(MoneyError::NotPositive);
        }
        if cents > CEILING_CENTS {
            return Err(MoneyError::TooLarge(Money(Decimal::new(CEILING_CENTS, 2))));
        }
        Ok(Money(Decimal::new(cents, 2)))
    }

    /// The amount in cents, for the database.
    pub fn cents(self) -> i64 {
        // Every Money is built from cents with scale 2, so this is exact.
        (self.0 * Decimal::ONE_HUNDRED).trunc().mantissa() as i64
    }

    /// The exact decimal value.
    pub fn decimal(self) -> Decimal {
        self.0
    }

    /// Refuses amounts above a ceiling, such as the campaign's largest accepted pledge.
    pub fn at_most(self, ceiling: Money) -> Result<Money, MoneyError> {
        if self > ceiling { Err(MoneyError::TooLarge(ceiling)) } else { Ok(self) }
    }

    /// The amount with grouped thousands, for pages.
    pub fn display(self, thousands: char) -> String {
        display_cents(self.cents(), thousands)
    }
}

/// A sum of money as the database keeps it: whole cents, zero or more (a total, a revenue, a
/// pledge's amount read back). Unlike [`Money`], it is never typed by anyone.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Amount(i64);

impl Amount {
    pub const ZERO: Amount = Amount(0);

    pub fn from_cents(cents: i64) -> Amount {
        Amount(cents)
    }

    pub fn cents(self) -> i64 {
        self.0
    }

    /// The amount with grouped thousands, for pages.
    pub fn display(self, thousands: char) -> String {
        display_cents(self.0, thousands)
    }
}

impl From<Money> for Amount {
    fn from(money: Money) -> Amount {
        Amount(money.cents())
    }
}

impl fmt::Display for Amount {
    /// Two decimals, as the JSON API writes amounts: `20000.00`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&cents_to_string(self.0))
    }
}

impl serde::Serialize for Amount {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A total in cents (which may be zero) as the JSON API writes amounts: `20000.00`.
pub fn cents_to_string(cents: i64) -> String {
    format!("{:.2}", Decimal::new(cents, 2))
}

/// A total in cents with grouped thousands: `20’000.00` in Swiss French, `20,000.00` in English.
pub fn display_cents(cents: i64, thousands: char) -> String {
    let text = cents_to_string(cents);
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, "00"));
    let (sign, whole) = whole.strip_prefix('-').map_or(("", whole), |w| ("-", w));
    format!("{sign}{}.{fraction}", grouped(whole, thousands))
}

/// A count with grouped thousands, for pages: `12’500`.
pub fn display_count(count: u64, thousands: char) -> String {
    grouped(&count.to_string(), thousands)
}

fn grouped(digits: &str, thousands: char) -> String {
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(thousands);
        }
        grouped.push(digit);
    }
    grouped
}

impl fmt::Display for Money {
    /// Always two decimals: `20000.00`, as the JSON API and bank references expect.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.2}", self.0)
    }
}

impl FromStr for Money {
    type Err = MoneyError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Money::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_plain_amounts() {
        assert_eq!(Money::parse("50").unwrap().cents(), 5000);
        assert_eq!(Money::parse("50.5").unwrap().cents(), 5050);
        assert_eq!(Money::parse(" 50,25 ").unwrap().cents(), 5025);
        assert_eq!(Money::parse("0.01").unwrap().cents(), 1);
        assert_eq!(Money::parse("10.500").unwrap().cents(), 1050);
        assert_eq!(Money::parse("50").unwrap().to_string(), "50.00");
    }

    #[test]
    fn refuses_what_design_lists() {
        assert_eq!(Money::parse(""), Err(MoneyError::Empty));
        assert_eq!(Money::parse("   "), Err(MoneyError::Empty));
        assert_eq!(Money::parse("1e3"), Err(MoneyError::NotANumber));
        assert_eq!(Money::parse("NaN"), Err(MoneyError::NotANumber));
        assert_eq!(Money::parse("inf"), Err(MoneyError::NotANumber));
        assert_eq!(Money::parse("-5"), Err(MoneyError::NotANumber));
        assert_eq!(Money::parse("+5"), Err(MoneyError::NotANumber));
        assert_eq!(Money::parse("10.005"), Err(MoneyError::TooPrecise));
        assert_eq!(Money::parse("0"), Err(MoneyError::NotPositive));
        assert_eq!(Money::parse("0.00"), Err(MoneyError::NotPositive));
        assert_eq!(Money::parse("5."), Err(MoneyError::NotANumber));
        assert_eq!(Money::parse(".5"), Err(MoneyError::NotANumber));
        assert_eq!(Money::parse("1 000"), Err(MoneyError::NotANumber));
        assert_eq!(Money::parse("1.000.00"), Err(MoneyError::NotANumber));
        assert!(matches!(Money::parse("99999999999999999999999999"), Err(MoneyError::TooLarge(_))));
        assert!(matches!(Money::parse("100000000000000"), Err(MoneyError::TooLarge(_))));
    }

    #[test]
    fn ceilings_are_inclusive() {
        let max = Money::parse("10000").unwrap();
        assert!(Money::parse("10000.00").unwrap().at_most(max).is_ok());
        assert_eq!(Money::parse("10000.01").unwrap().at_most(max), Err(MoneyError::TooLarge(max)));
    }

    #[test]
    fn displays_grouped_thousands() {
        assert_eq!(display_cents(2_000_000, '\''), "20'000.00");
        assert_eq!(display_cents(2_000_000, crate::domain::Lang::Fr.thousands()), "20’000.00");
        assert_eq!(display_cents(2_000_000, crate::domain::Lang::En.thousands()), "20,000.00");
        assert_eq!(display_cents(0, '\''), "0.00");
        assert_eq!(Money::try_from_cents(12_345).unwrap().display(','), "123.45");
        assert_eq!(display_cents(100_000_000, ','), "1,000,000.00");
        assert_eq!(
            (display_count(100_000, '’'), display_count(999, ','), display_count(0, ',')),
            ("100’000".into(), "999".into(), "0".into())
        );
    }

    mod properties {
        //! Whatever is typed, parsing gives an amount or a `MoneyError`, and an amount reads back
        //! as itself from the text it prints.

        use proptest::prelude::*;

        use super::*;

        /// Text made of what amounts are made of, and of what they must not be made of.
        fn amount_like() -> impl Strategy<Value = String> {
            prop_oneof![
                any::<String>(),
                "[0-9.,]{0,20}",
                "[ \t\n]{0,2}[+-]?[0-9]{0,16}([.,][0-9]{0,5})?([eE][+-]?[0-9]{1,3})?[ \t\n]{0,2}",
                "[0-9\u{0660}-\u{0669}\u{FF10}-\u{FF19}\u{0966}\u{00B2}\u{0000}\u{00A0}\u{2009}.,]{1,12}",
            ]
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(500))]

            #[test]
            fn any_text_gives_an_amount_or_an_error(text in amount_like()) {
                if let Ok(money) = Money::parse(&text) {
                    prop_assert!((1..=CEILING_CENTS).contains(&money.cents()), "{:?} gave {}", text, money);
                    prop_assert_eq!(Money::parse(&money.to_string()), Ok(money));
                    // Only ASCII digits, one `.` or `,`, and whitespace around make an amount.
                    let trimmed = text.trim();
                    prop_assert!(trimmed.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b','), "{:?}", text);
                    prop_assert!(trimmed.matches(['.', ',']).count() <= 1, "{:?}", text);
                }
            }

            #[test]
            fn every_amount_prints_as_text_that_reads_back_as_itself(cents in 1..=CEILING_CENTS) {
                let money = Money::try_from_cents(cents).unwrap();
                let printed = money.to_string();
                prop_assert_eq!(Money::parse(&printed), Ok(money));
                prop_assert_eq!(Money::parse(&printed.replace('.', ",")), Ok(money));
                prop_assert_eq!(money.cents(), cents);
                prop_assert_eq!(Amount::from(money).to_string(), printed);
            }

            #[test]
            fn whole_and_cents_are_read_exactly(whole in 0..1_000_000_000_000i64, cents in 0..100i64, comma: bool, pad in "[ \t]{0,3}") {
                let separator = if comma { ',' } else { '.' };
                let text = format!("{pad}{whole}{separator}{cents:02}{pad}");
                let expected = Money::try_from_cents(whole * 100 + cents);
                prop_assert_eq!(Money::parse(&text), expected);
            }

            #[test]
            fn a_third_decimal_that_counts_is_refused(whole in 0..1_000_000i64, thousandths in 0..1000u32) {
                prop_assume!(thousandths % 10 != 0);
                prop_assert_eq!(Money::parse(&format!("{whole}.{thousandths:03}")), Err(MoneyError::TooPrecise));
            }

            #[test]
            fn signs_and_exponents_are_refused(
                sign in "[+-]?",
                digits in "[0-9]{1,8}",
                exponent in "[eE][+-]?[0-9]{1,3}",
                at_end: bool,
            ) {
                let signed = format!("{sign}{digits}");
                if !sign.is_empty() {
                    prop_assert_eq!(Money::parse(&signed), Err(MoneyError::NotANumber));
                }
                let with_exponent = if at_end { format!("{signed}{exponent}") } else { format!("{signed}.5{exponent}") };
                prop_assert_eq!(Money::parse(&with_exponent), Err(MoneyError::NotANumber));
            }

            #[test]
            fn huge_digit_strings_are_too_large_never_a_crash(zeros in 0..40usize, digits in "[1-9][0-9]{12,400}", fraction in "([.,][0-9]{1,2})?") {
                let text = format!("{}{digits}{fraction}", "0".repeat(zeros));
                prop_assert!(matches!(Money::parse(&text), Err(MoneyError::TooLarge(_))), "{}", text);
            }

            #[test]
            fn a_foreign_character_inside_the_digits_is_refused(
                before in "[0-9]{1,6}",
                after in "[0-9]{1,2}",
                odd in prop_oneof![
                    Just('\0'), Just('\u{00A0}'), Just('\u{2009}'), Just(' '), Just('\''), Just('_'),
                    Just('\u{0663}'), Just('\u{FF15}'), Just('\u{0969}'), Just('\u{00B2}'), Just('e'), Just('-'),
                ],
            ) {
                let text = format!("{before}{odd}{after}");
                prop_assert_eq!(Money::parse(&text), Err(MoneyError::NotANumber), "{:?}", text);
            }

            #[test]
            fn whitespace_around_is_ignored(amount in 1..=CEILING_CENTS, before in "\\s{0,3}", after in "\\s{0,3}") {
                let money = Money::try_from_cents(amount).unwrap();
                prop_assert_eq!(Money::parse(&format!("{before}{money}{after}")), Ok(money));
            }
        }
    }
}
