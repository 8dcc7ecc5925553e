//! The use cases, each over the database in one transaction. Services never see Rocket.

pub mod bank_import;
pub mod batch;
pub mod bills;
pub mod bounded;
pub mod campaign;
pub mod closing;
pub mod consistency;
pub mod counters;
pub mod dashboard;
pub mod designers;
pub mod holds;
pub mod ledger;
pub mod letters;
pub mod offers;
pub mod outbox;
pub mod pledge_list;
pub mod pledges;
pub mod pricing;
pub mod sessions;
pub mod settlement;
pub mod stored;
pub mod sync;
pub mod team;
pub mod treasury;
pub mod writer;
