//! Postage: what sending a reward by post costs in each zone. It is paid with the pledge and
//! shown apart from it; it is never part of the pledged amount nor of the goal.

use super::Amount;
pub use super::states::ShippingZone;

/// The postage of each zone a reward is sent to; a zone without one is not served.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Postage {
    pub switzerland: Option<Amount>,
    pub europe: Option<Amount>,
    pub world: Option<Amount>,
}

impl Postage {
    /// What sending to `zone` costs, or `None` when the reward is not sent there.
    pub fn to(&self, zone: ShippingZone) -> Option<Amount> {
        match zone {
            ShippingZone::Switzerland => self.switzerland,
            ShippingZone::Europe => self.europe,
            ShippingZone::World => self.world,
        }
    }

    /// The zones served, nearest first, with their cost.
    pub fn zones(&self) -> impl Iterator<Item = (ShippingZone, Amount)> + '_ {
        ShippingZone::all().filter_map(|zone| self.to(zone).map(|cost| (zone, cost)))
    }

    /// The zone a form offers first: Switzerland when served, else the nearest one.
    pub fn first_zone(&self) -> Option<ShippingZone> {
        self.zones().next().map(|(zone, _)| zone)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_zone_left_out_is_not_served_and_zero_is_free() {
        let postage =
            Postage { switzerland: Some(Amount::from_cents(0)), europe: Some(Amount::from_cents(1800)), world: None };
        assert_eq!(postage.to(ShippingZone::Switzerland), Some(Amount::from_cents(0)));
        assert_eq!(postage.to(ShippingZone::World), None);
        let zones: Vec<ShippingZone> = postage.zones().map(|(zone, _)| zone).collect();
        assert_eq!(zones, [ShippingZone::Switzerland, ShippingZone::Europe]);
        let abroad = Postage { switzerland: None, ..postage };
        assert_eq!(abroad.first_zone(), Some(ShippingZone::Europe));
    }
}
