//! A form's mistakes, all at once: a summary at the top that links to each field, and each
//! field marked (`aria-invalid`) and described by its own message (`aria-describedby`).
//!
//! Pages give `errors` ([`FormErrors`]); templates write `{{> form_errors title="…"}}` for the
//! summary, `{{field_error "amount"}}` before a field, and `{{invalid "amount" hint="amount-hint"}}`
//! inside its tag, which ties the field to its message and hint.

use std::collections::BTreeMap;

use rocket_dyn_templates::handlebars::{
    Context, Handlebars, Helper, HelperResult, Output, RenderContext, RenderErrorReason, html_escape,
};
use serde::Serialize;

use crate::app::AppState;
use crate::domain::Lang;
use crate::error::AppError;
use crate::routes::views::FormError;

/// What was wrong with a form, in the order a person reads it.
#[derive(Debug, Default, Serialize)]
pub struct FormErrors {
    pub list: Vec<FormError>,
    /// Each field's message (the first, when a field has several).
    pub fields: BTreeMap<&'static str, String>,
}

impl FormErrors {
    pub fn of(state: &AppState, errors: &[AppError], lang: Lang) -> FormErrors {
        let mut shown = FormErrors::default();
        for error in errors {
            shown.push(FormError::of(state, error, lang));
        }
        shown
    }

    /// One mistake, or none.
    pub fn one(state: &AppState, error: Option<&AppError>, lang: Lang) -> FormErrors {
        let mut shown = FormErrors::default();
        if let Some(error) = error {
            shown.push(FormError::of(state, error, lang));
        }
        shown
    }

    pub fn push(&mut self, error: FormError) {
        if let Some(field) = error.field {
            self.fields.entry(field).or_insert_with(|| error.message.clone());
        }
        self.list.push(error);
    }
}

/// The message of `field` in the page's `errors`, if it has one.
fn message_of<'a>(ctx: &'a Context, field: &str) -> Option<&'a str> {
    ctx.data().get("errors")?.get("fields")?.get(field)?.as_str()
}

fn field_param<'a>(h: &'a Helper, name: &'static str) -> Result<&'a str, RenderErrorReason> {
    h.param(0).and_then(|p| p.value().as_str()).ok_or(RenderErrorReason::ParamNotFoundForIndex(name, 0))
}

/// `{{field_error "amount"}}`: the field's message, with the id its field points to.
pub fn field_error(
    h: &Helper,
    _: &Handlebars,
    ctx: &Context,
    _: &mut RenderContext,
    out: &mut dyn Output,
) -> HelperResult {
    let field = field_param(h, "field_error")?;
    if let Some(message) = message_of(ctx, field) {
        out.write(&format!(
            r#"<p class="field-error" id="{}-error">{}</p>"#,
            html_escape(field),
            html_escape(message)
        ))?;
    }
    Ok(())
}

/// `{{invalid "amount" hint="amount-hint"}}`: inside the field's tag, `aria-invalid` when it
/// has a message, and `aria-describedby` naming its message and its hint.
pub fn invalid(h: &Helper, _: &Handlebars, ctx: &Context, _: &mut RenderContext, out: &mut dyn Output) -> HelperResult {
    let field = field_param(h, "invalid")?;
    let hint = h.hash_get("hint").and_then(|v| v.value().as_str());
    let error = message_of(ctx, field).map(|_| format!("{field}-error"));
    let described: Vec<&str> = error.as_deref().into_iter().chain(hint).collect();
    if error.is_some() {
        out.write(r#" aria-invalid="true""#)?;
    }
    if !described.is_empty() {
        out.write(&format!(r#" aria-describedby="{}""#, html_escape(&described.join(" "))))?;
    }
    Ok(())
}
