//! Ways to share a page without any other site's script: plain links to email, WhatsApp and
//! Telegram, the address to copy, and the device's own share sheet. Each shared address
//! carries its own `?ref=` tag (`share-whatsapp`, …), so the team sees on its dashboard which
//! way of sharing brought pledges (see [`crate::domain::source`]).

use serde::Serialize;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// What a URL's query or a `mailto:` keeps as it is: RFC 3986's unreserved characters. Space
/// becomes `%20`, never `+`, which mail programs would show as a plus.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// `text` percent-encoded for a query component or a `mailto:` field.
pub fn encoded(text: &str) -> String {
    utf8_percent_encode(text, COMPONENT).to_string()
}

/// The `?ref=` tags of the ways to share: the address copied, an email, WhatsApp, Telegram,
/// the device's share sheet.
pub const TAGS: [&str; 5] = [LINK, EMAIL, WHATSAPP, TELEGRAM, SHEET];
const LINK: &str = "share-link";
const EMAIL: &str = "share-email";
const WHATSAPP: &str = "share-whatsapp";
const TELEGRAM: &str = "share-telegram";
const SHEET: &str = "share-sheet";

/// The share links of one page.
#[derive(Debug, Clone, Serialize)]
pub struct ShareLinks {
    /// The page's address to copy.
    pub link: String,
    /// `mailto:` with a subject and a body, no recipient.
    pub email: String,
    pub whatsapp: String,
    pub telegram: String,
    /// What the device's share sheet gets: an address, a title and a text.
    pub sheet_url: String,
    pub title: String,
    pub text: String,
}

/// The share links of the page at `url` (absolute, without a query), titled `title` and
/// described by `text`.
pub fn links(url: &str, title: &str, text: &str) -> ShareLinks {
    let tagged = |tag: &str| format!("{url}?ref={tag}");
    let whatsapp = tagged(WHATSAPP);
    let telegram = tagged(TELEGRAM);
    let email_body = format!("{text}\r\n\r\n{}", tagged(EMAIL));
    ShareLinks {
        link: tagged(LINK),
        email: format!("mailto:?subject={}&body={}", encoded(title), encoded(&email_body)),
        whatsapp: format!("https://wa.me/?text={}", encoded(&format!("{title} {whatsapp}"))),
        telegram: format!("https://t.me/share/url?url={}&text={}", encoded(&telegram), encoded(title)),
        sheet_url: tagged(SHEET),
        title: title.to_owned(),
        text: text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_way_carries_its_tag_and_is_encoded_once() {
        let links = links("https://soutenir.example.ch/rewards/sac", "Sac & cabas: 100 % upcyclé", "Un sac.");
        assert_eq!(links.link, "https://soutenir.example.ch/rewards/sac?ref=share-link");
        assert_eq!(
            links.email,
            "mailto:?subject=Sac%20%26%20cabas%3A%20100%20%25%20upcycl%C3%A9\
             &body=Un%20sac.%0D%0A%0D%0Ahttps%3A%2F%2Fsoutenir.example.ch%2Frewards%2Fsac%3Fref%3Dshare-email"
        );
        assert_eq!(
            links.whatsapp,
            "https://wa.me/?text=Sac%20%26%20cabas%3A%20100%20%25%20upcycl%C3%A9%20\
             https%3A%2F%2Fsoutenir.example.ch%2Frewards%2Fsac%3Fref%3Dshare-whatsapp"
        );
        assert_eq!(
            links.telegram,
            "https://t.me/share/url?url=https%3A%2F%2Fsoutenir.example.ch%2Frewards%2Fsac%3Fref%3Dshare-telegram\
             &text=Sac%20%26%20cabas%3A%20100%20%25%20upcycl%C3%A9"
        );
        assert_eq!(links.sheet_url, "https://soutenir.example.ch/rewards/sac?ref=share-sheet");
        for tag in TAGS {
            assert_eq!(crate::domain::source::tag_of(tag).as_deref(), Some(tag), "a tag kept as it is");
        }
    }
}
