//! The states and kinds kept in the database. Each is an enum of the `entity` crate, whose
//! `#[sea_orm(...)]` mapping holds its stored text once; the database refuses any other.

pub use entity::bank_file::BankFileKind;
pub use entity::bank_transaction::{BankDirection, BankStatus};
pub use entity::campaign::CampaignState;
pub use entity::designer::DesignerState;
pub use entity::email::{EmailKind, EmailState};
pub use entity::fulfilment::FulfilmentState;
pub use entity::news::{NewsAudience, NewsMailing, NewsState};
pub use entity::offer::{OfferKind, OfferState};
pub use entity::payment::{PaymentKind, PaymentMethod};
pub use entity::pledge::{MethodState, PayBy, PaymentState, PledgeState, ShippingZone};
pub use entity::question::QuestionState;
pub use entity::reward::RewardKind;
pub use entity::source_total::SourceKind;
pub use entity::stripe_operation::{OperationKind, OperationState};

#[cfg(test)]
mod tests {
    use super::*;

    /// Every value of `T` reads back from its text, as text and as JSON.
    fn round_trips<T>(values: impl Iterator<Item = T>) -> Vec<String>
    where
        T: std::fmt::Display
            + std::str::FromStr
            + serde::Serialize
            + serde::de::DeserializeOwned
            + PartialEq
            + std::fmt::Debug
            + Copy,
        T::Err: std::fmt::Debug,
    {
        values
            .map(|value| {
                let text = value.to_string();
                assert_eq!(text.parse::<T>().unwrap(), value);
                assert_eq!(serde_json::to_value(value).unwrap(), serde_json::Value::String(text.clone()));
                assert_eq!(serde_json::from_value::<T>(serde_json::Value::String(text.clone())).unwrap(), value);
                text
            })
            .collect()
    }

    #[test]
    fn each_state_reads_back_what_it_writes_in_every_form() {
        // The texts themselves are pinned by the integration tests (`stored_values`), since
        // rows already stored depend on them.
        assert_eq!(round_trips(CampaignState::all()).len(), 3);
        assert_eq!(round_trips(PledgeState::all()).len(), 3);
        assert_eq!(round_trips(DesignerState::all()).len(), 4);
        assert_eq!(round_trips(EmailState::all()).len(), 4);
        assert_eq!(round_trips(EmailKind::all()).len(), 25);
        assert_eq!(round_trips(FulfilmentState::all()).len(), 6);
        assert_eq!(round_trips(QuestionState::all()).len(), 3);
        assert_eq!(round_trips(NewsMailing::all()).len(), 4);
        assert_eq!(round_trips(OfferState::all()).len(), 4);
        assert_eq!(round_trips(OfferKind::all()).len(), 9);
        assert_eq!(round_trips(SourceKind::all()).len(), 2);
        assert_eq!(round_trips(RewardKind::all()).len(), 5);
        assert_eq!(round_trips(PaymentState::all()).len(), 9);
        assert_eq!(round_trips(PaymentKind::all()).len(), 3);
        assert_eq!(round_trips(PaymentMethod::all()).len(), 4);
        assert_eq!(round_trips(BankFileKind::all()).len(), 2);
        assert_eq!(round_trips(BankDirection::all()).len(), 2);
        assert_eq!(round_trips(BankStatus::all()).len(), 3);
        assert_eq!(round_trips(PayBy::all()).len(), 3);
        assert_eq!(round_trips(ShippingZone::all()).len(), 3);
        assert_eq!(round_trips(MethodState::all()).len(), 4);
        assert_eq!(round_trips(OperationKind::all()).len(), 2);
        assert_eq!(round_trips(OperationState::all()).len(), 3);
    }

    #[test]
    fn an_unknown_text_is_refused_with_its_enum_named() {
        let unknown = "actif".parse::<PledgeState>().unwrap_err();
        assert_eq!(unknown.to_string(), "\"actif\" is not a PledgeState");
        assert!(serde_json::from_str::<PledgeState>("\"actif\"").is_err());
        assert!("garbage".parse::<CampaignState>().is_err());
    }

    #[test]
    fn reaching_the_goal_exactly_succeeds() {
        assert_eq!(CampaignState::at_close(2_000_000, 2_000_000), CampaignState::Succeeded);
        assert_eq!(CampaignState::at_close(1_999_999, 2_000_000), CampaignState::Failed);
    }
}
