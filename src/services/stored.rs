//! Reading storage formats back into plain values, so that nothing above the services ever
//! decodes them: instants kept as Unix milliseconds, lists kept joined in one column, email
//! addresses kept as typed.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func, IntoColumnRef, SimpleExpr};

/// An instant kept as Unix milliseconds.
pub fn instant(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

/// A list kept joined by `separator`, without its empty items.
pub fn list(joined: &str, separator: char) -> Vec<String> {
    joined.split(separator).map(str::trim).filter(|item| !item.is_empty()).map(str::to_owned).collect()
}

/// Whether `column` holds `address` in any case: addresses are kept as typed, and two that
/// differ only in case are one person's. Both sides are folded by the database, as its index
/// on the lower-cased address is.
pub fn same_address(column: impl IntoColumnRef, address: &str) -> SimpleExpr {
    Expr::expr(Func::lower(Expr::col(column))).eq(Func::lower(Expr::val(address)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joined_lists_lose_their_empty_items() {
        assert_eq!(list("upcycling,,repair,", ','), ["upcycling", "repair"]);
        assert_eq!(list("https://a.ch\n\nhttps://b.ch\n", '\n'), ["https://a.ch", "https://b.ch"]);
        assert!(list("", ',').is_empty());
    }

    #[test]
    fn instants_come_back_in_utc() {
        assert_eq!(instant(1_795_000_000_000).to_rfc3339(), "2026-11-18T11:06:40+00:00");
    }
}
