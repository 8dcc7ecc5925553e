//! The pledges as the team lists and exports them for fulfilment: filtered, in pages, or in
//! chunks for a file of any size.

use entity::pledge;
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{
    ColumnTrait, Condition, DbErr, EntityTrait, FromQueryResult, PaginatorTrait, QueryFilter, QueryOrder, QueryResult,
    QuerySelect,
};

use super::pledges::PledgeRecord;
use crate::db::Db;
use crate::domain::RewardId;
use crate::domain::states::{PaymentKind, PaymentMethod, PaymentState, PledgeState};
use crate::error::AppError;

/// Which pledges to show. Empty fields do not filter.
#[derive(Debug, Clone, Default)]
pub struct PledgeFilter {
    /// A reward's id, or `none` for pledges without reward.
    pub reward: Option<String>,
    pub state: Option<PledgeState>,
    /// Where the pledge's money stands.
    pub payment: Option<PaymentState>,
    /// Part of a name, an email or a reference, in any case.
    pub search: Option<String>,
    /// The address the pledges came from, exactly.
    pub address: Option<String>,
    /// Placed at or after this instant.
    pub from: Option<chrono::DateTime<chrono::Utc>>,
    /// Placed before this instant.
    pub until: Option<chrono::DateTime<chrono::Utc>>,
}

impl PledgeFilter {
    fn condition(&self) -> Condition {
        let mut condition = Condition::all();
        match self.reward.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
            Some("none") => condition = condition.add(pledge::Column::RewardId.is_null()),
            Some(id) if RewardId::parse(id).is_ok() => condition = condition.add(pledge::Column::RewardId.eq(id)),
            // No reward has such an id (nor could the database compare one with a NUL byte).
            Some(_) => condition = condition.add(pledge::Column::Id.lt(0)),
            None => {}
        }
        if let Some(state) = self.state {
            condition = condition.add(pledge::Column::State.eq(state));
        }
        if let Some(payment) = self.payment {
            condition = condition.add(pledge::Column::PaymentState.eq(payment));
        }
        if let Some(address) = self.address.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
            condition = match address.parse::<std::net::IpAddr>() {
                Ok(address) => condition.add(pledge::Column::ClientAddress.eq(address.to_string())),
                // No pledge came from something that is not an address.
                Err(_) => condition.add(pledge::Column::Id.lt(0)),
            };
        }
        if let Some(from) = self.from {
            condition = condition.add(pledge::Column::CreatedAtMs.gte(from.timestamp_millis()));
        }
        if let Some(until) = self.until {
            condition = condition.add(pledge::Column::CreatedAtMs.lt(until.timestamp_millis()));
        }
        // PostgreSQL takes no NUL byte in a text, and no name, email or reference holds one.
        let search = self.search.as_deref().map(|s| s.replace('\0', ""));
        if let Some(search) = search.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            let pattern =
                format!("%{}%", search.to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
            let like = |column: pledge::Column| {
                Expr::expr(Func::lower(Expr::col(column)))
                    .like(sea_orm::sea_query::LikeExpr::new(pattern.clone()).escape('\\'))
            };
            condition = condition.add(
                Condition::any()
                    .add(like(pledge::Column::Name))
                    .add(like(pledge::Column::Email))
                    .add(like(pledge::Column::Reference)),
            );
        }
        condition
    }
}

/// One page of the pledges that match, newest first, and how many match in all.
pub async fn page(
    db: &Db,
    filter: &PledgeFilter,
    page: u64,
    per_page: u64,
) -> Result<(Vec<PledgeRecord>, u64), AppError> {
    let query = pledge::Entity::find().filter(filter.condition()).order_by_desc(pledge::Column::Id);
    let paginator = query.paginate(&db.read, per_page);
    let total = paginator.num_items().await?;
    let pledges = paginator.fetch_page(page).await?;
    Ok((pledges.into_iter().map(PledgeRecord::from).collect(), total))
}

/// A pledge as the export writes it: with how it was paid.
#[derive(Debug, Clone)]
pub struct ExportedPledge {
    pub pledge: PledgeRecord,
    /// The method of its latest payment, else by bank (its QR-bill), as
    /// [`super::ledger::method_of`] says of one pledge.
    pub method: PaymentMethod,
}

/// A pledge's row with the method of its latest payment, read in the same query.
struct RowWithMethod {
    row: pledge::Model,
    method: Option<String>,
}

impl FromQueryResult for RowWithMethod {
    fn from_query_result(result: &QueryResult, prefix: &str) -> Result<Self, DbErr> {
        Ok(RowWithMethod {
            row: pledge::Model::from_query_result(result, prefix)?,
            method: result.try_get(prefix, "latest_method")?,
        })
    }
}

/// The next `limit` matching pledges after `after_id`, oldest first, each with the method of
/// its latest payment: an export reads the pledges this way, a chunk at a time, whatever
/// their number. One query: a column reads the method from the pledge's newest payment.
pub async fn export_chunk(
    db: &Db,
    filter: &PledgeFilter,
    after_id: i64,
    limit: u64,
) -> Result<Vec<ExportedPledge>, AppError> {
    let latest_method = Expr::cust(format!(
        "(SELECT p.method FROM payments p WHERE p.pledge_id = pledges.id AND p.kind = '{}' ORDER BY p.id DESC LIMIT 1)",
        PaymentKind::Payment
    ));
    let found = pledge::Entity::find()
        .filter(filter.condition())
        .filter(pledge::Column::Id.gt(after_id))
        .column_as(latest_method, "latest_method")
        .order_by_asc(pledge::Column::Id)
        .limit(limit)
        .into_model::<RowWithMethod>()
        .all(&db.read)
        .await?;
    Ok(found
        .into_iter()
        .map(|r| ExportedPledge {
            method: r.method.and_then(|m| m.parse().ok()).unwrap_or(PaymentMethod::Bank),
            pledge: PledgeRecord::from(r.row),
        })
        .collect())
}

/// The private tokens of the pledges that may still be cancelled (waiting or active) among
/// those that match `filter`, oldest first, at most `limit`.
pub async fn cancellable(db: &Db, filter: &PledgeFilter, limit: u64) -> Result<Vec<String>, AppError> {
    Ok(pledge::Entity::find()
        .filter(filter.condition())
        .filter(pledge::Column::State.is_in([PledgeState::Unconfirmed, PledgeState::Active]))
        .select_only()
        .column(pledge::Column::Token)
        .order_by_asc(pledge::Column::Id)
        .limit(limit)
        .into_tuple()
        .all(&db.read)
        .await?)
}

/// The private tokens of the pledges `ids` that may still be cancelled.
pub async fn cancellable_among(db: &Db, ids: &[i64]) -> Result<Vec<String>, AppError> {
    Ok(pledge::Entity::find()
        .filter(pledge::Column::Id.is_in(ids.iter().copied()))
        .filter(pledge::Column::State.is_in([PledgeState::Unconfirmed, PledgeState::Active]))
        .select_only()
        .column(pledge::Column::Token)
        .into_tuple()
        .all(&db.read)
        .await?)
}

/// The pledges that count for `reward` (and hold a seat at `session`, when given), but those
/// dropped for want of payment, by name, at most `limit`: the delivery page and the attendance
/// list.
pub async fn of_reward(
    db: &Db,
    reward: &str,
    session: Option<&str>,
    limit: u64,
) -> Result<Vec<pledge::Model>, AppError> {
    let mut select = pledge::Entity::find()
        .filter(pledge::Column::RewardId.eq(reward))
        .filter(pledge::Column::State.eq(PledgeState::Active))
        .filter(pledge::Column::PaymentState.ne(PaymentState::Dropped));
    if let Some(session) = session {
        select = select.filter(pledge::Column::SessionId.eq(session));
    }
    Ok(select.order_by_asc(pledge::Column::Name).order_by_asc(pledge::Column::Id).limit(limit).all(&db.read).await?)
}

/// Those of the pledges `ids` that are of `reward`, whatever their state.
pub async fn of_reward_among(db: &Db, reward: &str, ids: &[i64]) -> Result<Vec<i64>, AppError> {
    let mut found = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        let rows: Vec<i64> = pledge::Entity::find()
            .filter(pledge::Column::Id.is_in(chunk.iter().copied()))
            .filter(pledge::Column::RewardId.eq(reward))
            .select_only()
            .column(pledge::Column::Id)
            .into_tuple()
            .all(&db.read)
            .await?;
        found.extend(rows);
    }
    Ok(found)
}
