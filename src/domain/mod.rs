//! Plain types and rules with no I/O. A value that exists is valid.

pub mod badge;
pub mod camt;
pub mod clock;
pub mod designer;
pub mod digest;
pub mod email;
pub mod icons;
pub mod ids;
pub mod invitation;
pub mod lang;
pub mod markdown;
pub mod money;
pub mod names;
pub mod offer;
pub mod password;
pub mod payment;
pub mod photo;
pub mod picture;
pub mod proxies;
pub mod qr;
pub mod qrbill;
pub mod rate_limit;
pub mod slug;
pub mod source;
pub mod states;
pub mod text;
pub mod throttle;
pub mod webhook_signature;

pub use clock::Clock;
pub use email::Email;
pub use ids::RewardId;
pub use lang::Lang;
pub use money::{Amount, Money};
pub use names::PersonName;
pub use source::Source;
pub use states::CampaignState;
