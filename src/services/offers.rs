//! Offers of help without money: taking them from the form, and the team's triage.

use chrono::{DateTime, Utc};
use entity::{campaign, offer};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseTransaction, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, SqlErr,
};

use super::letters::Letters;
use super::outbox;
use super::stored::{instant, same_address};
use crate::db::Db;
use crate::domain::offer::phone;
use crate::domain::states::{OfferKind, OfferState};
use crate::domain::text::{TextError, optional, required};
use crate::domain::{Email, Lang, PersonName};
use crate::error::{AppError, Problems};

/// The longest description and availability, in characters.
pub const MAX_DESCRIPTION: usize = 2000;
pub const MAX_AVAILABILITY: usize = 300;
pub const MAX_NOTE: usize = 2000;

/// An offer as the form sends it.
#[derive(Debug, Clone, Default)]
pub struct OfferInput {
    pub kind: String,
    pub description: String,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub availability: String,
}

/// An offer that passed every check.
#[derive(Debug, Clone)]
pub struct NewOffer {
    pub kind: OfferKind,
    pub description: String,
    pub name: PersonName,
    pub email: Email,
    pub phone: Option<String>,
    pub availability: Option<String>,
}

/// The message of a text rule broken in `field`.
pub fn text_error(field: &'static str, error: TextError) -> AppError {
    match error {
        TextError::Empty => AppError::invalid(field, "error-text-empty"),
        TextError::TooLong(max) => AppError::invalid_with(field, "error-text-too-long", "max", max),
        TextError::Control => AppError::invalid(field, "error-text-control"),
    }
}

impl OfferInput {
    /// Checks the form in the order a person reads it, and stops at the first mistake.
    pub fn validate(&self) -> Result<NewOffer, AppError> {
        self.checked().map_err(Problems::first)
    }

    /// Every mistake of the form, for a page to show them all at once.
    pub fn problems(&self) -> Vec<AppError> {
        self.checked().err().map(Problems::into_vec).unwrap_or_default()
    }

    fn checked(&self) -> Result<NewOffer, Problems> {
        let mut problems = Problems::default();
        let kind = problems
            .keep(self.kind.trim().parse::<OfferKind>().map_err(|_| AppError::invalid("kind", "error-offer-kind")));
        let description =
            problems.keep(required(&self.description, MAX_DESCRIPTION).map_err(|e| text_error("description", e)));
        let availability = problems
            .keep(optional(Some(&self.availability), MAX_AVAILABILITY).map_err(|e| text_error("availability", e)));
        let name = problems.keep(PersonName::parse(&self.name).map_err(AppError::from));
        let email = problems.keep(Email::parse(&self.email).map_err(AppError::from));
        let phone = problems.keep(match self.phone.trim() {
            "" => Ok(None),
            typed => phone(typed).map(Some).ok_or_else(|| AppError::invalid("phone", "error-phone")),
        });
        match (kind, description, availability, name, email, phone) {
            (Some(kind), Some(description), Some(availability), Some(name), Some(email), Some(phone))
                if problems.is_empty() =>
            {
                Ok(NewOffer { kind, description, name, email, phone, availability })
            }
            _ => Err(problems),
        }
    }
}

/// Stores an offer and the email that thanks its sender: one transaction. A form sent twice
/// (same `form_key`) stores one offer. The public count of helpers waits for the team (see
/// [`triage`]): counting every address at once would tell anyone whether an address offered.
pub async fn create(
    db: &Db,
    campaign_id: i32,
    new: &NewOffer,
    lang: Lang,
    form_key: Option<&str>,
    letters: &Letters,
    now: DateTime<Utc>,
) -> Result<OfferRecord, AppError> {
    let txn = db.begin_write().await?;
    let now_ms = now.timestamp_millis();
    let row = offer::ActiveModel {
        campaign_id: Set(campaign_id),
        kind: Set(new.kind),
        description: Set(new.description.clone()),
        name: Set(new.name.as_str().to_owned()),
        email: Set(new.email.to_string()),
        phone: Set(new.phone.clone()),
        availability: Set(new.availability.clone()),
        lang: Set(lang.code().to_owned()),
        state: Set(OfferState::New),
        note: Set(None),
        form_key: Set(form_key.map(str::to_owned)),
        created_at_ms: Set(now_ms),
        updated_at_ms: Set(now_ms),
        ..Default::default()
    };
    let stored = match row.insert(&txn).await {
        Ok(stored) => stored,
        Err(error) if matches!(error.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) && form_key.is_some() => {
            txn.rollback().await?;
            let earlier = offer::Entity::find().filter(offer::Column::FormKey.eq(form_key)).one(&db.read).await?;
            return earlier.map(OfferRecord::from).ok_or(AppError::Db(error));
        }
        Err(error) => return Err(error.into()),
    };
    outbox::queue(&txn, &[letters.offer_received(&stored)], now).await?;
    txn.commit().await?;
    Ok(stored.into())
}

/// An offer as the team reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfferRecord {
    pub id: i64,
    pub kind: OfferKind,
    pub description: String,
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
    pub availability: Option<String>,
    pub state: OfferState,
    /// The team's note.
    pub note: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl From<offer::Model> for OfferRecord {
    fn from(row: offer::Model) -> OfferRecord {
        OfferRecord {
            id: row.id,
            kind: row.kind,
            description: row.description,
            name: row.name,
            email: row.email,
            phone: row.phone,
            availability: row.availability,
            state: row.state,
            note: row.note,
            created_at: instant(row.created_at_ms),
        }
    }
}

/// Which offers the team's list shows.
#[derive(Debug, Clone, Default)]
pub struct OfferFilter {
    pub state: Option<OfferState>,
    pub kind: Option<OfferKind>,
}

/// One page of offers, newest first, and how many match.
pub async fn page(
    db: &Db,
    filter: &OfferFilter,
    page: u64,
    per_page: u64,
) -> Result<(Vec<OfferRecord>, u64), AppError> {
    let mut query = offer::Entity::find();
    if let Some(state) = filter.state {
        query = query.filter(offer::Column::State.eq(state));
    }
    if let Some(kind) = filter.kind {
        query = query.filter(offer::Column::Kind.eq(kind));
    }
    let pages = query.order_by_desc(offer::Column::Id).paginate(&db.read, per_page);
    let total = pages.num_items().await?;
    let found = pages.fetch_page(page).await?;
    Ok((found.into_iter().map(OfferRecord::from).collect(), total))
}

/// The states in which an offer counts its sender among the campaign's public helpers: the
/// team has seen it and taken it up.
pub const COUNTED: [OfferState; 2] = [OfferState::Contacted, OfferState::Accepted];

/// The team moves an offer along and keeps a note on it. The public count of helpers (distinct
/// emails with an offer contacted or accepted) follows, in the same transaction.
pub async fn triage(db: &Db, id: i64, state: OfferState, note: &str, now: DateTime<Utc>) -> Result<(), AppError> {
    let note = optional(Some(note), MAX_NOTE).map_err(|e| text_error("note", e))?;
    let txn = db.begin_write().await?;
    let offer = offer::Entity::find_by_id(id).one(&txn).await?.ok_or(AppError::NotFound)?;
    // Triages of one campaign take turns, so two of one person's offers cannot both count them.
    let mut campaign_row = campaign::Entity::find_by_id(offer.campaign_id);
    if txn.get_database_backend() == DatabaseBackend::Postgres {
        campaign_row = campaign_row.lock_exclusive();
    }
    campaign_row.one(&txn).await?;
    let identity = offer.email.to_lowercase();
    let counted_before = counts_as_helper(&txn, &identity).await?;
    offer::Entity::update_many()
        .col_expr(offer::Column::State, Expr::value(state.to_string()))
        .col_expr(offer::Column::Note, Expr::value(note))
        .col_expr(offer::Column::UpdatedAtMs, Expr::value(now.timestamp_millis()))
        .filter(offer::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    let counted_after = counts_as_helper(&txn, &identity).await?;
    let change = i64::from(counted_after) - i64::from(counted_before);
    if change != 0 {
        campaign::Entity::update_many()
            .col_expr(campaign::Column::Helpers, Expr::col(campaign::Column::Helpers).add(change))
            .filter(campaign::Column::Id.eq(offer.campaign_id))
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Whether an email has an offer in a [`COUNTED`] state.
async fn counts_as_helper(txn: &DatabaseTransaction, identity: &str) -> Result<bool, AppError> {
    let found = offer::Entity::find()
        .filter(same_address(offer::Column::Email, identity))
        .filter(offer::Column::State.is_in(COUNTED))
        .one(txn)
        .await?;
    Ok(found.is_some())
}
