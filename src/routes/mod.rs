//! HTTP only: parse the request, call a service, choose the response. One module per resource.

pub mod about;
pub mod api;
pub mod assets;
pub mod badge;
pub mod bills;
pub mod cache;
pub mod campaign;
pub mod checkout;
pub mod client;
pub mod compression;
pub mod csrf;
pub mod designers;
pub mod embed;
pub mod errors;
pub mod fields;
pub mod headers;
pub mod icons;
pub mod lang;
pub mod limits;
pub mod logging;
pub mod media;
pub mod news;
pub mod offers;
pub mod payment_view;
pub mod personal_data;
pub mod pledge_find;
pub mod pledges;
pub mod preview;
pub mod questions;
pub mod seats;
pub mod share;
pub mod source;
pub mod survey;
pub mod team;
pub mod unsubscribe;
pub mod views;

mod health;

/// A form shown again with an error, and the status that says why.
pub type Answer = (rocket::http::Status, rocket_dyn_templates::Template);

/// Every route of the site and the API.
pub fn routes() -> Vec<rocket::Route> {
    [
        campaign::routes(),
        about::routes(),
        preview::routes(),
        pledges::routes(),
        seats::routes(),
        survey::routes(),
        pledge_find::routes(),
        news::routes(),
        unsubscribe::routes(),
        questions::routes(),
        personal_data::routes(),
        bills::routes(),
        checkout::routes(),
        offers::routes(),
        designers::routes(),
        badge::routes(),
        embed::routes(),
        icons::routes(),
        media::routes(),
        api::routes(),
        team::routes(),
        health::routes(),
    ]
    .concat()
}
