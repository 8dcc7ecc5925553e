//! SeaORM entities, one module per table. Amounts are cents, instants Unix milliseconds.
//!
//! Every state or kind kept in a column is an enum here: its stored text is written once, in
//! its `#[sea_orm(...)]` mapping, and [`stored_text!`] derives from that mapping how it is
//! shown (`Display`), read back (`FromStr`), sent as JSON (serde) and described (OpenAPI).

/// A stored text that is not one of an enum's values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownValue {
    /// The enum that was expected, such as `PledgeState`.
    pub expected: &'static str,
    pub found: String,
}

impl std::fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?} is not a {}", self.found, self.expected)
    }
}

impl std::error::Error for UnknownValue {}

/// Derives, for a string `ActiveEnum`, everything else that needs its text from the one
/// mapping: `Display`, `FromStr`, serde, the OpenAPI schema, and `all()`.
#[macro_export]
macro_rules! stored_text {
    ($name:ident) => {
        impl $name {
            /// Every value, in declaration order.
            pub fn all() -> impl Iterator<Item = $name> {
                <$name as sea_orm::Iterable>::iter()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&sea_orm::ActiveEnum::to_value(self))
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::UnknownValue;
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                <$name as sea_orm::ActiveEnum>::try_from_value(&text.to_owned())
                    .map_err(|_| $crate::UnknownValue { expected: stringify!($name), found: text.to_owned() })
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&sea_orm::ActiveEnum::to_value(self))
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <String as serde::Deserialize>::deserialize(deserializer)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }

        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::schema::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .enum_values(Some($name::all().map(|value| value.to_string())))
                    .into()
            }
        }

        impl utoipa::ToSchema for $name {}
    };
}

pub mod address;
pub mod backer;
pub mod bank_file;
pub mod bank_transaction;
pub mod campaign;
pub mod consistency_check;
pub mod designer;
pub mod designer_photo;
pub mod detail_request;
pub mod email;
pub mod fulfilment;
pub mod hourly_total;
pub mod news;
pub mod news_text;
pub mod offer;
pub mod payment;
pub mod pledge;
pub mod pledge_choice;
pub mod question;
pub mod reward;
pub mod reward_choice;
pub mod reward_session;
pub mod source_total;
pub mod stripe_dispute;
pub mod stripe_event;
pub mod stripe_operation;
pub mod survey_answer;
pub mod team_member;
pub mod team_session;
