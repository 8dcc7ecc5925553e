//! The team's figures: the campaign's counters, its rewards, where backers came from, the
//! latest pledges, and the arithmetic on them (average, shares, what is left). A fixed number
//! of queries, whatever the number of pledges.

use chrono::{DateTime, Duration, Utc};
use entity::{hourly_total, pledge, source_total};
use sea_orm::{ColumnTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder, QuerySelect, Statement};

use super::campaign::{Snapshot, snapshot};
use super::consistency;
use super::pledges::PledgeRecord;
use super::stored::instant;
use crate::db::Db;
use crate::domain::Amount;
use crate::domain::states::{DesignerState, EmailState, OfferState, PledgeState, SourceKind};
use crate::error::AppError;

/// How many recent pledges the dashboard lists.
pub const RECENT: u64 = 20;

/// How many sources of each kind the dashboard lists, the biggest first.
pub const SOURCES: u64 = 10;

/// What the dashboard shows.
#[derive(Debug, Clone)]
pub struct Summary {
    pub snapshot: Snapshot,
    /// Newest first, cancelled ones included (they show as such).
    pub recent: Vec<PledgeRecord>,
    /// The last `bobine check`, if one ran.
    pub last_check: Option<CheckResult>,
    /// Money raised per hour, oldest first: a row per hour with pledges, not per pledge.
    pub hours: Vec<HourTotal>,
    /// The `?ref=` tags and the referring sites that brought the most money.
    pub tags: Sources,
    pub sites: Sources,
    /// What waits for the team.
    pub work: Work,
}

/// What the last `bobine check` found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckResult {
    pub at: DateTime<Utc>,
    /// How many counters differed from the pledges.
    pub differences: i64,
}

/// What an hour's pledges moved the total by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HourTotal {
    pub hour: DateTime<Utc>,
    pub raised: Amount,
}

/// What one source brought: `name` is `None` for pledges without a tag, or without a known
/// site; `share` is its percent of all the money pledged, rounded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceShare {
    pub name: Option<String>,
    pub pledges: i64,
    pub raised: Amount,
    pub share: i64,
}

/// The biggest sources of one kind, and what all the others brought together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sources {
    pub top: Vec<SourceShare>,
    /// `None` when the top sources hold every pledge.
    pub others: Option<SourceShare>,
}

/// What waits for the team: profiles to review, new offers of help, emails not sent yet.
/// Emails are counted up to [`WORK_CAP`]: past that, the number no longer matters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, FromQueryResult)]
pub struct Work {
    pub designers_pending: i64,
    pub offers_new: i64,
    pub questions_new: i64,
    pub emails_waiting: i64,
    pub emails_failed: i64,
    /// Pledges waiting for their backer to confirm, up to [`WORK_CAP`].
    pub pledges_unconfirmed: i64,
}

pub const WORK_CAP: i64 = 1000;

impl Summary {
    /// What a pledge brings on average; zero before the first.
    pub fn average_pledge(&self) -> Amount {
        let campaign = &self.snapshot.campaign;
        if campaign.pledge_count > 0 {
            Amount::from_cents(campaign.pledged.cents() / campaign.pledge_count)
        } else {
            Amount::ZERO
        }
    }

    /// The total expected at the deadline, seen at `now`; see [`projection`].
    pub fn projection(&self, now: DateTime<Utc>) -> Option<Amount> {
        projection(&self.hours, now, self.snapshot.campaign.deadline)
    }

    /// Whole seconds until the deadline at `now`; zero once it passed.
    pub fn seconds_left(&self, now: DateTime<Utc>) -> i64 {
        (self.snapshot.campaign.deadline - now).num_seconds().max(0)
    }
}

/// The total expected at the deadline if the pace of the last week (or of the whole
/// campaign, if younger) goes on; none before a day of pledges, when a pace means nothing,
/// nor once the deadline passed. Exact: whole cents, never a float.
pub fn projection(hours: &[HourTotal], now: DateTime<Utc>, deadline: DateTime<Utc>) -> Option<Amount> {
    let first = hours.first()?.hour;
    if now >= deadline || now - first < Duration::days(1) {
        return None;
    }
    let window = (now - first).min(Duration::days(7));
    let recent: i64 = hours.iter().filter(|h| h.hour >= now - window).map(|h| h.raised.cents()).sum();
    let total: i64 = hours.iter().map(|h| h.raised.cents()).sum();
    let ahead =
        i128::from(recent) * i128::from((deadline - now).num_milliseconds()) / i128::from(window.num_milliseconds());
    let ahead = i64::try_from(ahead).unwrap_or(if ahead < 0 { i64::MIN } else { i64::MAX });
    Some(Amount::from_cents(total.saturating_add(ahead)))
}

/// A source total as stored: the sum of its pledges' cents and their number.
#[derive(Debug, Clone, PartialEq, Eq)]
struct SourceTotal {
    name: String,
    cents: i64,
    pledges: i64,
}

/// The biggest sources with their shares of `pledged`, and the rest as "others".
fn shares(biggest: &[SourceTotal], pledged: Amount, pledge_count: i64) -> Sources {
    let total = pledged.cents();
    let share = |cents: i64| if total > 0 { (cents * 100 + total / 2) / total } else { 0 };
    let top = biggest
        .iter()
        .map(|s| SourceShare {
            name: (!s.name.is_empty()).then(|| s.name.clone()),
            pledges: s.pledges,
            raised: Amount::from_cents(s.cents),
            share: share(s.cents),
        })
        .collect();
    let others_cents = total - biggest.iter().map(|s| s.cents).sum::<i64>();
    let others_pledges = pledge_count - biggest.iter().map(|s| s.pledges).sum::<i64>();
    let others = (others_pledges > 0).then(|| SourceShare {
        name: None,
        pledges: others_pledges,
        raised: Amount::from_cents(others_cents),
        share: share(others_cents),
    });
    Sources { top, others }
}

fn work_query() -> String {
    format!(
        "SELECT
           (SELECT COUNT(*) FROM designers WHERE state = '{pending}') AS designers_pending,
           (SELECT COUNT(*) FROM offers WHERE state = '{new}') AS offers_new,
           (SELECT COUNT(*) FROM questions WHERE state = '{question}') AS questions_new,
           (SELECT COUNT(*) FROM (SELECT 1 FROM emails WHERE state = '{waiting}' LIMIT {WORK_CAP}) w) AS emails_waiting,
           (SELECT COUNT(*) FROM (SELECT 1 FROM emails WHERE state = '{failed}' LIMIT {WORK_CAP}) f) AS emails_failed,
           (SELECT COUNT(*) FROM (SELECT 1 FROM pledges WHERE state = '{unconfirmed}' LIMIT {WORK_CAP}) u) AS pledges_unconfirmed",
        pending = DesignerState::Pending,
        new = OfferState::New,
        question = crate::domain::states::QuestionState::New,
        waiting = EmailState::Waiting,
        failed = EmailState::Failed,
        unconfirmed = PledgeState::Unconfirmed,
    )
}

/// Eight queries: the campaign row, its rewards, the newest pledges by primary key, the last
/// check, the hourly totals, the biggest sources of each kind, and the team's work.
pub async fn summary(db: &Db, campaign_id: i32) -> Result<Summary, AppError> {
    let snapshot = snapshot(db, campaign_id).await?;
    let recent = pledge::Entity::find().order_by_desc(pledge::Column::Id).limit(RECENT).all(&db.read).await?;
    let last_check = consistency::latest(db).await?;
    let hours = hourly_total::Entity::find()
        .filter(hourly_total::Column::CampaignId.eq(campaign_id))
        .order_by_asc(hourly_total::Column::HourMs)
        .all(&db.read)
        .await?;
    let (pledged, count) = (snapshot.campaign.pledged, snapshot.campaign.pledge_count);
    let tags = shares(&biggest_sources(db, campaign_id, SourceKind::Tag).await?, pledged, count);
    let sites = shares(&biggest_sources(db, campaign_id, SourceKind::Site).await?, pledged, count);
    let work = Work::find_by_statement(Statement::from_string(db.backend(), work_query()))
        .one(&db.read)
        .await?
        .unwrap_or_default();
    Ok(Summary {
        snapshot,
        recent: recent.into_iter().map(PledgeRecord::from).collect(),
        last_check: last_check.map(|c| CheckResult { at: instant(c.checked_at_ms), differences: c.differences }),
        hours: hours
            .into_iter()
            .map(|h| HourTotal { hour: instant(h.hour_ms), raised: Amount::from_cents(h.cents) })
            .collect(),
        tags,
        sites,
        work,
    })
}

async fn biggest_sources(db: &Db, campaign_id: i32, kind: SourceKind) -> Result<Vec<SourceTotal>, AppError> {
    let rows = source_total::Entity::find()
        .filter(source_total::Column::CampaignId.eq(campaign_id))
        .filter(source_total::Column::Kind.eq(kind))
        .filter(source_total::Column::Pledges.gt(0))
        .order_by_desc(source_total::Column::Cents)
        .order_by_desc(source_total::Column::Pledges)
        .order_by_asc(source_total::Column::Name)
        .limit(SOURCES)
        .all(&db.read)
        .await?;
    Ok(rows.into_iter().map(|s| SourceTotal { name: s.name, cents: s.cents, pledges: s.pledges }).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::CampaignState;
    use crate::services::campaign::CampaignFigures;
    use crate::services::treasury::PaymentFigures;

    fn total(name: &str, cents: i64, pledges: i64) -> SourceTotal {
        SourceTotal { name: name.to_owned(), cents, pledges }
    }

    #[test]
    fn shares_round_to_the_nearest_percent_and_the_rest_are_others() {
        let biggest = [total("newsletter", 50_000, 4), total("", 30_000, 3)];
        let sources = shares(&biggest, Amount::from_cents(120_000), 10);
        let top: Vec<_> = sources.top.iter().map(|s| (s.name.as_deref(), s.share)).collect();
        assert_eq!(top, [(Some("newsletter"), 42), (None, 25)]);
        let others = sources.others.unwrap();
        assert_eq!((others.pledges, others.raised, others.share), (3, Amount::from_cents(40_000), 33));
    }

    #[test]
    fn with_every_pledge_in_the_top_there_are_no_others_and_nothing_divides_by_zero() {
        let sources = shares(&[total("a", 100, 1)], Amount::from_cents(100), 1);
        assert_eq!(sources.others, None);
        assert_eq!(sources.top[0].share, 100);
        let empty = shares(&[], Amount::ZERO, 0);
        assert!(empty.top.is_empty() && empty.others.is_none());
    }

    fn summary_of(pledged: i64, pledges: i64, deadline: DateTime<Utc>) -> Summary {
        let campaign = CampaignFigures {
            slug: "c".into(),
            stored_state: CampaignState::Open,
            goal: Amount::from_cents(2_000_000),
            deadline,
            pledged: Amount::from_cents(pledged),
            pledge_count: pledges,
            backers: pledges,
            closed_at: None,
            helpers: 0,
            payments: PaymentFigures::default(),
        };
        let empty = Sources { top: Vec::new(), others: None };
        Summary {
            snapshot: Snapshot { campaign, rewards: Vec::new() },
            recent: Vec::new(),
            last_check: None,
            hours: Vec::new(),
            tags: empty.clone(),
            sites: empty,
            work: Work::default(),
        }
    }

    #[test]
    fn the_average_pledge_rounds_down_to_the_cent_and_is_zero_before_the_first() {
        let deadline = instant(1_900_000_000_000);
        assert_eq!(summary_of(10_000, 3, deadline).average_pledge(), Amount::from_cents(3_333));
        assert_eq!(summary_of(0, 0, deadline).average_pledge(), Amount::ZERO);
    }

    #[test]
    fn the_projection_follows_the_recent_pace_in_whole_cents() {
        let day = |d: i64| instant(0) + Duration::days(d);
        // 1000 cents a day over the last ten days; five days left.
        let hours: Vec<HourTotal> =
            (0..10).map(|d| HourTotal { hour: day(d), raised: Amount::from_cents(1000) }).collect();
        assert_eq!(projection(&hours, day(10), day(15)), Some(Amount::from_cents(15_000)));
        assert_eq!(projection(&hours, day(16), day(15)), None, "past the deadline");
        assert_eq!(projection(&[], day(0), day(1)), None);
        let one = [HourTotal { hour: day(0), raised: Amount::from_cents(5_000) }];
        assert_eq!(projection(&one, day(0) + Duration::hours(1), day(30)), None, "an hour is no pace");
        // A third of a cent a millisecond is no float: 1 cent over 3 days, 1 day ahead.
        let slow = [HourTotal { hour: day(0), raised: Amount::from_cents(1) }];
        assert_eq!(projection(&slow, day(3), day(4)), Some(Amount::from_cents(1)));
    }

    #[test]
    fn seconds_left_stop_at_zero_after_the_deadline() {
        let deadline = instant(1_900_000_000_000);
        let summary = summary_of(0, 0, deadline);
        assert_eq!(summary.seconds_left(deadline - chrono::Duration::milliseconds(90_500)), 90);
        assert_eq!(summary.seconds_left(deadline + chrono::Duration::hours(1)), 0);
    }
}
