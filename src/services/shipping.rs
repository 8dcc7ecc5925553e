//! The postage a pledge pays with its amount: the zone its reward is sent to, chosen on the
//! pledge form or taken from the address, and the cost of that zone. It moves with the
//! address until the reward leaves, and never counts in the pledged totals.

use chrono::{DateTime, Utc};
use entity::pledge;
use sea_orm::{ActiveModelTrait, DatabaseTransaction, Set};

use super::pledges;
use crate::config::Campaign;
use crate::domain::address::{Country, PostalAddress};
use crate::domain::shipping::ShippingZone;
use crate::error::AppError;

/// The zone and postage of a new pledge for `reward`: the zone of its address when one is
/// given, else the zone the form chose. No zone and nothing to pay for a reward that costs
/// nothing to send, or when neither is known (an API pledge without an address: its postage
/// comes with the address).
pub fn of_new(
    campaign: &Campaign,
    reward: Option<&str>,
    chosen: Option<&str>,
    address: Option<&PostalAddress>,
) -> Result<(Option<ShippingZone>, i64), AppError> {
    let Some(postage) = reward.and_then(|id| campaign.reward(id)).and_then(|r| campaign.postage(r)) else {
        return Ok((None, 0));
    };
    let chosen = match chosen.map(str::trim).filter(|zone| !zone.is_empty()) {
        None => None,
        Some(text) => Some(text.parse::<ShippingZone>().map_err(|_| AppError::invalid("zone", "error-zone-unknown"))?),
    };
    let country = address.and_then(|a| Country::of(&a.country));
    let zone = match (country, chosen) {
        (Some(country), Some(chosen)) if country.zone != chosen && postage.to(country.zone).is_some() => {
            return Err(AppError::Invalid {
                field: "zone",
                key: "error-zone-not-address",
                args: vec![("country", country.code.to_owned()), ("zone", country.zone.to_string())],
            });
        }
        (Some(country), _) => country.zone,
        (None, Some(chosen)) => chosen,
        (None, None) => return Ok((None, 0)),
    };
    let cost = postage.to(zone).ok_or_else(|| not_served(country.is_some()))?;
    Ok((Some(zone), cost.cents()))
}

/// The postage a pledge for `reward` owes for `zone`, when its reward changes. Refused when
/// the new reward is not sent there.
pub fn due(campaign: &Campaign, reward: Option<&str>, zone: Option<ShippingZone>) -> Result<i64, AppError> {
    let postage = reward.and_then(|id| campaign.reward(id)).and_then(|r| campaign.postage(r));
    match (postage, zone) {
        (Some(postage), Some(zone)) => postage.to(zone).map(|cost| cost.cents()).ok_or_else(|| not_served(false)),
        _ => Ok(0),
    }
}

fn not_served(by_address: bool) -> AppError {
    AppError::invalid(if by_address { "address-country" } else { "zone" }, "error-zone-not-served")
}

/// Moves the postage of the locked pledge `before` to the zone of `address`, inside `txn`
/// (which holds the campaign's lock): the payment state and the campaign's totals follow. A
/// bill already issued asks for the difference, which the backer pays on their page (a saved
/// card is not charged it behind their back: a failed charge would put the whole pledge at
/// risk); a cheaper zone after payment leaves the difference to give back. The same zone keeps
/// the postage it was given, whatever the file says now.
pub async fn follow_address(
    txn: &DatabaseTransaction,
    campaign: &Campaign,
    before: &pledge::Model,
    address: &PostalAddress,
    now: DateTime<Utc>,
) -> Result<pledge::Model, AppError> {
    let postage = before.reward_id.as_deref().and_then(|id| campaign.reward(id)).and_then(|r| campaign.postage(r));
    let (Some(postage), Some(country)) = (postage, Country::of(&address.country)) else {
        return Ok(before.clone());
    };
    if before.shipping_zone == Some(country.zone) {
        return Ok(before.clone());
    }
    let cents = postage.to(country.zone).ok_or_else(|| not_served(true))?.cents();
    let mut row: pledge::ActiveModel = before.clone().into();
    row.shipping_zone = Set(Some(country.zone));
    row.shipping_cents = Set(cents);
    row.updated_at_ms = Set(now.timestamp_millis());
    let after = row.update(txn).await?;
    pledges::follow_money(txn, before, after, now).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::address::RawAddress;

    fn campaign() -> Campaign {
        crate::config::Campaign::load(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/campaign.toml")))
            .expect("the shipped campaign loads")
    }

    fn address(country: &str, postcode: &str) -> PostalAddress {
        RawAddress {
            name: "Zoé Müller".into(),
            street: "Rue de Carouge 50".into(),
            building: None,
            postcode: postcode.into(),
            town: "Genève".into(),
            country: country.into(),
        }
        .parse()
        .expect("a valid address")
    }

    #[test]
    fn the_address_decides_the_zone_and_a_form_that_chose_another_is_told() {
        let campaign = campaign();
        let shipped = Some("sac-cabas-upcycle");
        let (zone, swiss) = of_new(&campaign, shipped, Some("switzerland"), None).unwrap();
        assert_eq!(zone, Some(ShippingZone::Switzerland));
        let (zone, european) = of_new(&campaign, shipped, None, Some(&address("FR", "75011"))).unwrap();
        assert_eq!(zone, Some(ShippingZone::Europe));
        assert!(european > swiss, "Europe costs more than Switzerland");
        let told = of_new(&campaign, shipped, Some("switzerland"), Some(&address("DE", "10115"))).unwrap_err();
        assert!(matches!(told, AppError::Invalid { key: "error-zone-not-address", .. }));
        assert_eq!(of_new(&campaign, shipped, None, None).unwrap(), (None, 0), "the API without an address");
        assert_eq!(of_new(&campaign, Some("atelier-reparation"), Some("world"), None).unwrap(), (None, 0));
        assert!(of_new(&campaign, shipped, Some("mars"), None).is_err());
    }
}
