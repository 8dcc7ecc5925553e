//! Recomputing every counter from the pledges, to prove the totals shown are the truth.

use crate::domain::states::SourceKind;
use crate::domain::states::{PaymentKind, PledgeState};
use crate::services::offers::COUNTED;
use chrono::{DateTime, Utc};
use entity::consistency_check;
use sea_orm::{ActiveModelTrait, EntityTrait, FromQueryResult, QueryOrder, Set, Statement};

use crate::db::Db;
use crate::error::AppError;

/// One counter that does not equal what the pledges add up to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// Such as `campaign mode-durable-geneve pledged_cents` or `reward sac claimed`.
    pub counter: String,
    pub stored: i64,
    pub computed: i64,
}

/// Every counter beside the sum it must equal, with `{active}`, `{tag}` and `{site}` where
/// the stored states and kinds go (see [`checks`]). Scans all pledges: an operator's check,
/// never a page's work. Money and backers count confirmed (active) pledges only; a reward's
/// units also count those an unconfirmed pledge still holds (`{holds_unit}`).
const CHECKS: &str = "
SELECT 'campaign' AS what, c.slug AS id, 'pledged_cents' AS counter, c.pledged_cents AS stored,
       CAST(COALESCE((SELECT SUM(p.amount_cents) FROM pledges p WHERE p.campaign_id = c.id AND p.state = {active}), 0) AS BIGINT) AS computed
  FROM campaigns c
UNION ALL
SELECT 'campaign', c.slug, 'pledge_count', c.pledge_count,
       (SELECT COUNT(*) FROM pledges p WHERE p.campaign_id = c.id AND p.state = {active})
  FROM campaigns c
UNION ALL
SELECT 'campaign', c.slug, 'backers', c.backers,
       (SELECT COUNT(DISTINCT LOWER(p.email)) FROM pledges p WHERE p.campaign_id = c.id AND p.state = {active})
  FROM campaigns c
UNION ALL
SELECT 'campaign', c.slug, 'cents by hour', CAST(COALESCE((SELECT SUM(h.cents) FROM hourly_totals h WHERE h.campaign_id = c.id), 0) AS BIGINT),
       CAST(COALESCE((SELECT SUM(p.amount_cents) FROM pledges p WHERE p.campaign_id = c.id AND p.state = {active}), 0) AS BIGINT)
  FROM campaigns c
UNION ALL
SELECT 'campaign', c.slug, 'pledges by hour', CAST(COALESCE((SELECT SUM(h.pledges) FROM hourly_totals h WHERE h.campaign_id = c.id), 0) AS BIGINT),
       (SELECT COUNT(*) FROM pledges p WHERE p.campaign_id = c.id AND p.state = {active})
  FROM campaigns c
UNION ALL
SELECT 'source', s.kind || ' ' || s.name, 'cents', s.cents,
       CAST(COALESCE((SELECT SUM(p.amount_cents) FROM pledges p WHERE p.campaign_id = s.campaign_id AND p.state = {active}
          AND COALESCE(CASE WHEN s.kind = {tag} THEN p.source_tag ELSE p.source_site END, '') = s.name), 0) AS BIGINT)
  FROM source_totals s
UNION ALL
SELECT 'source', s.kind || ' ' || s.name, 'pledges', s.pledges,
       (SELECT COUNT(*) FROM pledges p WHERE p.campaign_id = s.campaign_id AND p.state = {active}
          AND COALESCE(CASE WHEN s.kind = {tag} THEN p.source_tag ELSE p.source_site END, '') = s.name)
  FROM source_totals s
UNION ALL
SELECT 'source', q.kind || ' ' || q.name, 'missing', 0, q.pledges
  FROM (SELECT p.campaign_id, {tag} AS kind, COALESCE(p.source_tag, '') AS name, COUNT(*) AS pledges
          FROM pledges p WHERE p.state = {active} GROUP BY p.campaign_id, COALESCE(p.source_tag, '')
        UNION ALL
        SELECT p.campaign_id, {site}, COALESCE(p.source_site, ''), COUNT(*)
          FROM pledges p WHERE p.state = {active} GROUP BY p.campaign_id, COALESCE(p.source_site, '')) q
 WHERE NOT EXISTS (SELECT 1 FROM source_totals s WHERE s.campaign_id = q.campaign_id AND s.kind = q.kind AND s.name = q.name)
UNION ALL
SELECT 'campaign', c.slug, 'helpers', c.helpers,
       (SELECT COUNT(DISTINCT LOWER(o.email)) FROM offers o WHERE o.campaign_id = c.id AND o.state IN ({counted_offers}))
  FROM campaigns c
UNION ALL
SELECT 'reward', r.id, 'claimed', r.claimed,
       (SELECT COUNT(*) FROM pledges p WHERE p.reward_id = r.id AND {holds_unit})
  FROM rewards r
UNION ALL
SELECT 'reward', r.id, 'pledged_cents', r.pledged_cents,
       CAST(COALESCE((SELECT SUM(p.amount_cents) FROM pledges p WHERE p.reward_id = r.id AND p.state = {active}), 0) AS BIGINT)
  FROM rewards r
UNION ALL
SELECT 'reward', r.id, 'early_bird_claimed', r.early_bird_claimed,
       (SELECT COUNT(*) FROM pledges p WHERE p.reward_id = r.id AND {holds_unit} AND p.early_bird)
  FROM rewards r
UNION ALL
SELECT 'session', s.reward_id || ' ' || s.id, 'claimed', s.claimed,
       (SELECT COUNT(*) FROM pledges p WHERE p.reward_id = s.reward_id AND p.session_id = s.id AND {holds_unit})
  FROM reward_sessions s
UNION ALL
SELECT 'choice', v.reward_id || ' ' || v.choice || '=' || v.value, 'claimed', v.claimed,
       (SELECT COUNT(*) FROM pledge_choices pc JOIN pledges p ON p.id = pc.pledge_id
         WHERE pc.reward_id = v.reward_id AND pc.choice = v.choice AND pc.value = v.value AND {holds_unit})
  FROM reward_choices v
UNION ALL
SELECT 'pledges', 'unconfirmed', 'holding without reward or once confirmed', 0,
       (SELECT COUNT(*) FROM pledges p WHERE p.hold_until_ms IS NOT NULL AND (p.state <> {unconfirmed} OR p.reward_id IS NULL))
UNION ALL
SELECT 'pledges', 'active', 'never confirmed', 0,
       (SELECT COUNT(*) FROM pledges p WHERE p.state = {active} AND p.confirmed_at_ms IS NULL)
UNION ALL
SELECT 'campaign', c.slug, 'collected_cents', c.collected_cents,
       CAST(COALESCE((SELECT SUM(m.amount_cents) FROM payments m WHERE m.campaign_id = c.id), 0) AS BIGINT)
  FROM campaigns c
UNION ALL
SELECT 'campaign', c.slug, 'outstanding_cents', c.outstanding_cents,
       CAST(COALESCE((SELECT SUM(p.outstanding_cents) FROM pledges p WHERE p.campaign_id = c.id), 0) AS BIGINT)
  FROM campaigns c
UNION ALL
SELECT 'campaign', c.slug, 'refund_due_cents', c.refund_due_cents,
       CAST(COALESCE((SELECT SUM(p.refund_due_cents) FROM pledges p WHERE p.campaign_id = c.id), 0) AS BIGINT)
  FROM campaigns c
UNION ALL
SELECT 'campaign', c.slug, 'refunded_cents', c.refunded_cents,
       CAST(COALESCE((SELECT SUM(p.refunded_cents) FROM pledges p WHERE p.campaign_id = c.id), 0) AS BIGINT)
  FROM campaigns c
UNION ALL
SELECT 'campaign', c.slug, 'dropped_cents', c.dropped_cents,
       CAST(COALESCE((SELECT SUM(p.amount_cents) FROM pledges p WHERE p.campaign_id = c.id AND p.dropped_at_ms IS NOT NULL), 0) AS BIGINT)
  FROM campaigns c
UNION ALL
SELECT 'campaign', c.slug, 'dropped_pledges', c.dropped_pledges,
       (SELECT COUNT(*) FROM pledges p WHERE p.campaign_id = c.id AND p.dropped_at_ms IS NOT NULL)
  FROM campaigns c
UNION ALL
SELECT 'pledges', 'paid', 'paid or refunded amount unlike the ledger', 0,
       (SELECT COUNT(*) FROM pledges p
         WHERE p.paid_cents <> COALESCE((SELECT SUM(m.amount_cents) FROM payments m WHERE m.pledge_id = p.id AND m.kind <> {refund}), 0)
            OR p.refunded_cents <> COALESCE((SELECT -SUM(m.amount_cents) FROM payments m WHERE m.pledge_id = p.id AND m.kind = {refund}), 0))
UNION ALL
SELECT 'backer', x.email, 'active_pledges', CAST(SUM(x.stored) AS BIGINT), CAST(SUM(x.computed) AS BIGINT)
  FROM (SELECT b.email AS email, b.active_pledges AS stored, 0 AS computed FROM backers b
        UNION ALL
        SELECT LOWER(p.email), 0, 1 FROM pledges p WHERE p.state = {active}) x
 GROUP BY x.email
";

/// [`CHECKS`] with the stored texts of the states and kinds it names.
fn checks() -> String {
    CHECKS
        .replace("{holds_unit}", "(p.state = {active} OR (p.state = {unconfirmed} AND p.hold_until_ms IS NOT NULL))")
        .replace("{active}", &format!("'{}'", PledgeState::Active))
        .replace("{counted_offers}", &COUNTED.iter().map(|s| format!("'{s}'")).collect::<Vec<_>>().join(", "))
        .replace("{unconfirmed}", &format!("'{}'", PledgeState::Unconfirmed))
        .replace("{refund}", &format!("'{}'", PaymentKind::Refund))
        .replace("{tag}", &format!("'{}'", SourceKind::Tag))
        .replace("{site}", &format!("'{}'", SourceKind::Site))
}

/// Compares every stored counter with the pledges, in one read.
pub async fn check(db: &Db) -> Result<Vec<Difference>, AppError> {
    #[derive(Debug, FromQueryResult)]
    struct Named {
        what: String,
        id: String,
        counter: String,
        stored: i64,
        computed: i64,
    }
    let sql = format!("SELECT * FROM ({}) AS checks WHERE stored <> computed ORDER BY what, id, counter", checks());
    let rows = Named::find_by_statement(Statement::from_string(db.backend(), sql)).all(&db.read).await?;
    Ok(rows
        .into_iter()
        .map(|r| Difference {
            counter: format!("{} {} {}", r.what, r.id, r.counter),
            stored: r.stored,
            computed: r.computed,
        })
        .collect())
}

/// Runs [`check`] and keeps its result, for the dashboard's warning.
pub async fn check_and_record(db: &Db, now: DateTime<Utc>) -> Result<Vec<Difference>, AppError> {
    let differences = check(db).await?;
    let report: Vec<String> = differences
        .iter()
        .map(|d| format!("{}: stored {}, pledges add up to {}", d.counter, d.stored, d.computed))
        .collect();
    consistency_check::ActiveModel {
        checked_at_ms: Set(now.timestamp_millis()),
        differences: Set(differences.len() as i64),
        report: Set(report.join("\n")),
        ..Default::default()
    }
    .insert(&db.write)
    .await?;
    Ok(differences)
}

/// The latest recorded check, if any.
pub async fn latest(db: &Db) -> Result<Option<consistency_check::Model>, AppError> {
    Ok(consistency_check::Entity::find().order_by_desc(consistency_check::Column::Id).one(&db.read).await?)
}
