//! Translations: Fluent files in `locales/`, looked up from code and from templates.

use std::borrow::Cow;
use std::collections::HashMap;

use chrono::{DateTime, Datelike, TimeZone};
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid, static_loader};
use rocket_dyn_templates::handlebars::{
    Context, Handlebars, Helper, HelperResult, JsonRender, Output, RenderContext, RenderErrorReason,
};

use crate::domain::Lang;

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "fr",
        // Without this, Fluent wraps every argument in invisible bidi marks.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static FR: LanguageIdentifier = langid!("fr");
static EN: LanguageIdentifier = langid!("en");
static DE: LanguageIdentifier = langid!("de");

fn identifier(lang: Lang) -> &'static LanguageIdentifier {
    match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
        Lang::De => &DE,
    }
}

/// The message `key` in `lang`.
pub fn t(lang: Lang, key: &str) -> String {
    LOCALES.lookup(identifier(lang), key)
}

/// The message `key` in `lang`, with named arguments.
pub fn t_args(lang: Lang, key: &str, args: &[(&'static str, String)]) -> String {
    let args: HashMap<Cow<'static, str>, FluentValue> =
        args.iter().map(|(name, value)| (Cow::Borrowed(*name), FluentValue::from(value.clone()))).collect();
    LOCALES.lookup_with_args(identifier(lang), key, &args)
}

/// The message `key` with one count, `name`, passed as a number so that Fluent chooses the
/// plural form ("1 minute", "2 minutes").
pub fn t_count(lang: Lang, key: &str, name: &'static str, count: u64) -> String {
    let args: HashMap<Cow<'static, str>, FluentValue> =
        HashMap::from([(Cow::Borrowed(name), FluentValue::from(count))]);
    LOCALES.lookup_with_args(identifier(lang), key, &args)
}

/// A local date and time as people read it, with its time zone: "7 novembre 2020, 23:59 CET".
pub fn moment<Tz: TimeZone>(local: DateTime<Tz>, lang: Lang) -> String
where
    Tz::Offset: std::fmt::Display,
{
    let month = t(lang, &format!("month-{}", local.month()));
    match lang {
        Lang::Fr => format!("{} {} {}, {}", local.day(), month, local.year(), local.format("%H:%M %Z")),
        Lang::En => format!("{} {}, {}, {}", month, local.day(), local.year(), local.format("%H:%M %Z")),
        Lang::De => format!("{}. {} {}, {}", local.day(), month, local.year(), local.format("%H:%M %Z")),
    }
}

/// A span of time in `zone` as people read it: "6 mars 2027, 09:30–12:00 CET", or both ends
/// in full when it ends on another day.
pub fn span(starts: DateTime<chrono::Utc>, ends: DateTime<chrono::Utc>, zone: chrono_tz::Tz, lang: Lang) -> String {
    let (starts, ends) = (starts.with_timezone(&zone), ends.with_timezone(&zone));
    if starts.date_naive() == ends.date_naive() {
        format!("{}, {}–{}", day(starts.date_naive(), lang), starts.format("%H:%M"), ends.format("%H:%M %Z"))
    } else {
        format!("{} – {}", moment(starts, lang), moment(ends, lang))
    }
}

/// Where a session takes place as people read it: its address, or "online" in `lang`
/// (`stored` as the campaign file and the database write it).
pub fn place(stored: &str, lang: Lang) -> String {
    if stored == "online" { t(lang, "session-online") } else { stored.to_owned() }
}

/// A date as people read it, such as "21 novembre 2020".
pub fn day(date: chrono::NaiveDate, lang: Lang) -> String {
    let month = t(lang, &format!("month-{}", date.month()));
    match lang {
        Lang::Fr => format!("{} {} {}", date.day(), month, date.year()),
        Lang::En => format!("{} {}, {}", month, date.day(), date.year()),
        Lang::De => format!("{}. {} {}", date.day(), month, date.year()),
    }
}

/// `{{t "key"}}` or `{{t "key" name=value}}` in templates, in the language found in the
/// context's root `lang`. Numbers stay numbers, so Fluent can choose plural forms.
pub fn helper(h: &Helper, _: &Handlebars, ctx: &Context, _: &mut RenderContext, out: &mut dyn Output) -> HelperResult {
    let key = h.param(0).and_then(|p| p.value().as_str()).ok_or(RenderErrorReason::ParamNotFoundForIndex("t", 0))?;
    let lang = ctx.data().get("lang").and_then(|l| l.as_str()).and_then(Lang::from_tag).unwrap_or_default();
    let args: HashMap<Cow<'static, str>, FluentValue> = h
        .hash()
        .iter()
        .map(|(name, value)| {
            let value = match value.value() {
                serde_json::Value::Number(n) => {
                    n.as_f64().map_or_else(|| FluentValue::from(n.to_string()), FluentValue::from)
                }
                other => FluentValue::from(other.render()),
            };
            (Cow::Owned((*name).to_owned()), value)
        })
        .collect();
    let text = if args.is_empty() {
        LOCALES.lookup(identifier(lang), key)
    } else {
        LOCALES.lookup_with_args(identifier(lang), key, &args)
    };
    out.write(&rocket_dyn_templates::handlebars::html_escape(&text))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_moment_says_its_time_zone() {
        let deadline = chrono_tz::Europe::Zurich.with_ymd_and_hms(2027, 11, 7, 23, 59, 59).unwrap();
        assert_eq!(moment(deadline, Lang::Fr), "7 novembre 2027, 23:59 CET");
        assert_eq!(moment(deadline, Lang::En), "November 7, 2027, 23:59 CET");
        let summer = chrono_tz::Europe::Zurich.with_ymd_and_hms(2027, 7, 1, 9, 0, 0).unwrap();
        assert_eq!(moment(summer, Lang::Fr), "1 juillet 2027, 09:00 CEST");
        assert_eq!(moment(deadline, Lang::De), "7. November 2027, 23:59 CET");
        assert_eq!(day(deadline.date_naive(), Lang::De), "7. November 2027");
    }

    #[test]
    fn every_french_message_exists_in_every_language() {
        let keys = |file: &str| -> Vec<String> {
            std::fs::read_to_string(file)
                .unwrap()
                .lines()
                .filter_map(|line| line.split_once(" =").map(|(key, _)| key.trim().to_owned()))
                .filter(|key| !key.is_empty() && !key.starts_with(['#', ' ', '.', '[', '*']))
                .collect()
        };
        let file = |lang: Lang| format!("{}/locales/{}/main.ftl", env!("CARGO_MANIFEST_DIR"), lang.code());
        let mut french = keys(&file(Lang::Fr));
        french.sort();
        for lang in Lang::ALL {
            let mut other = keys(&file(lang));
            other.sort();
            let missing: Vec<_> = french.iter().filter(|key| other.binary_search(key).is_err()).collect();
            let extra: Vec<_> = other.iter().filter(|key| french.binary_search(key).is_err()).collect();
            assert!(missing.is_empty() && extra.is_empty(), "{}: missing {missing:?}, unknown {extra:?}", lang.code());
        }
    }

    #[test]
    fn arguments_are_filled_without_marks() {
        let text =
            t_args(Lang::En, "error-amount-below-minimum", &[("amount", "120.00".into()), ("currency", "CHF".into())]);
        assert!(text.contains("CHF 120.00"), "{text}");
    }
}
