//! SeaORM entities, one module per table. Amounts are cents, instants Unix milliseconds.

pub mod backer;
pub mod campaign;
pub mod consistency_check;
pub mod designer;
pub mod designer_photo;
pub mod email;
pub mod hourly_total;
pub mod offer;
pub mod pledge;
pub mod reward;
pub mod source_total;
pub mod team_member;
