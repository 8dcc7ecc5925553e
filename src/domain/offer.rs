//! Offers of help without money, and how the team triages them.

/// What a helper offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfferKind {
    Time,
    Skills,
    Machines,
    Space,
    Introduction,
    TechnologyPartner,
    MediaPartner,
    FinancePartner,
    Interview,
}

impl OfferKind {
    pub const ALL: [OfferKind; 9] = [
        OfferKind::Time,
        OfferKind::Skills,
        OfferKind::Machines,
        OfferKind::Space,
        OfferKind::Introduction,
        OfferKind::TechnologyPartner,
        OfferKind::MediaPartner,
        OfferKind::FinancePartner,
        OfferKind::Interview,
    ];

    /// As stored and sent by forms.
    pub fn as_str(self) -> &'static str {
        match self {
            OfferKind::Time => "time",
            OfferKind::Skills => "skills",
            OfferKind::Machines => "machines",
            OfferKind::Space => "space",
            OfferKind::Introduction => "introduction",
            OfferKind::TechnologyPartner => "partner-technology",
            OfferKind::MediaPartner => "partner-media",
            OfferKind::FinancePartner => "partner-finance",
            OfferKind::Interview => "interview",
        }
    }

    pub fn parse(text: &str) -> Option<OfferKind> {
        OfferKind::ALL.into_iter().find(|kind| kind.as_str() == text.trim())
    }
}

/// Where the team is with an offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfferState {
    New,
    Contacted,
    Accepted,
    Declined,
}

impl OfferState {
    pub const ALL: [OfferState; 4] =
        [OfferState::New, OfferState::Contacted, OfferState::Accepted, OfferState::Declined];

    pub fn as_str(self) -> &'static str {
        match self {
            OfferState::New => "new",
            OfferState::Contacted => "contacted",
            OfferState::Accepted => "accepted",
            OfferState::Declined => "declined",
        }
    }

    pub fn parse(text: &str) -> Option<OfferState> {
        OfferState::ALL.into_iter().find(|state| state.as_str() == text.trim())
    }
}

/// A phone number as people write it: digits, spaces, `+`, `(`, `)`, `-`, `.` and `/`, with
/// 6 to 20 digits.
pub fn phone(text: &str) -> Option<String> {
    let text = text.trim();
    let digits = text.chars().filter(char::is_ascii_digit).count();
    let allowed = text.chars().all(|c| c.is_ascii_digit() || " +()-./".contains(c));
    (allowed && (6..=20).contains(&digits) && text.len() <= 30).then(|| text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_states_read_back_what_they_write() {
        for kind in OfferKind::ALL {
            assert_eq!(OfferKind::parse(kind.as_str()), Some(kind));
        }
        for state in OfferState::ALL {
            assert_eq!(OfferState::parse(state.as_str()), Some(state));
        }
        assert_eq!(OfferKind::parse("money"), None);
    }

    #[test]
    fn phone_numbers_are_digits_and_punctuation() {
        assert_eq!(phone(" +41 22 123 45 67 ").as_deref(), Some("+41 22 123 45 67"));
        assert_eq!(phone("022/123.45.67").as_deref(), Some("022/123.45.67"));
        assert_eq!(phone("call me"), None);
        assert_eq!(phone("123"), None);
    }
}
