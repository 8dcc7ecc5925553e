//! A backer's QR-bill: a printable page with the payment slip at real size, and the slip
//! itself as SVG.

use std::sync::Arc;

use rocket::http::ContentType;
use rocket::{State, get, routes};
use rocket_dyn_templates::Template;
use serde::Serialize;

use crate::app::AppState;
use crate::domain::Lang;
use crate::error::AppError;
use crate::i18n;
use crate::routes::errors::PageError;
use crate::routes::payment_view::{PaymentView, has_bill, payment_view};
use crate::routes::views::Page;
use crate::services::bills::{bill_for, bill_lang, slip_svg};
use crate::services::campaign::snapshot;
use crate::services::pledges::{self, PledgeRecord};

/// The pledge behind `token` when it has a bill to pay.
async fn billed(state: &AppState, token: &str) -> Result<PledgeRecord, AppError> {
    let pledge = pledges::find_by_token(&state.db, token).await?;
    if state.campaign.payments.is_some() && has_bill(&pledge) { Ok(pledge) } else { Err(AppError::NotFound) }
}

/// The payment slip (receipt and payment part, 210 × 105 mm) in the page's language.
#[get("/pledges/<token>/bill.svg", rank = 3)]
async fn bill_svg(state: &State<AppState>, lang: Lang, token: &str) -> Result<(ContentType, Arc<str>), PageError> {
    let pledge = billed(state, token).await?;
    let payments = state.campaign.payments.as_ref().ok_or(AppError::NotFound)?;
    let bill = bill_for(&pledge, &state.campaign, payments).map_err(|e| AppError::internal("drawing a QR-bill", e))?;
    Ok((ContentType::SVG, slip_svg(&bill, bill_lang(lang))))
}

#[derive(Debug, Serialize)]
struct BillPage {
    token: String,
    reference: String,
    payment: PaymentView,
    alt: String,
}

#[get("/pledges/<token>/bill", rank = 3)]
async fn bill_page(state: &State<AppState>, lang: Lang, token: &str) -> Result<Template, PageError> {
    let pledge = billed(state, token).await?;
    let now = state.clock.now();
    let campaign = snapshot(&state.db, state.campaign_id).await?.state(now);
    let payment = payment_view(state, &pledge, campaign, lang).ok_or(AppError::NotFound)?;
    let alt = i18n::t_args(
        lang,
        "bill-image-alt",
        &[
            ("amount", payment.amount.clone()),
            ("creditor", payment.creditor.clone()),
            ("reference", payment.qr_reference.clone()),
        ],
    );
    let body = BillPage { token: pledge.token.clone(), reference: pledge.reference.clone(), payment, alt };
    let path = format!("/pledges/{}/bill", pledge.token);
    Ok(Template::render("pledge_bill", Page::new(state, lang, &path, body).titled(i18n::t(lang, "bill-page-title"))))
}

pub fn routes() -> Vec<rocket::Route> {
    routes![bill_svg, bill_page]
}
