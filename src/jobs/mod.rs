//! Background work started from a fairing at lift-off.

pub mod cards;
pub mod closer;
pub mod detail_requests;
pub mod holds;
pub mod mailer;
pub mod news_mail;
pub mod payments;
pub mod retention;
pub mod session_news;
