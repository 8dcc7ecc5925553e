//! News from the team: updates written in Markdown in each language (French required),
//! kept as drafts, published now or at a chosen time, for everyone, for backers, or for the
//! backers of chosen rewards.

use chrono::{DateTime, Utc};
use entity::{news, news_text};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    Set, TransactionTrait,
};

use super::offers::text_error;
use super::stored::instant;
use crate::config::Campaign;
use crate::db::Db;
use crate::domain::markdown;
use crate::domain::states::{NewsAudience, NewsMailing, NewsState};
use crate::domain::text::{bounded, required};
use crate::domain::{Lang, slug};
use crate::error::{AppError, Problems};

pub const MAX_TITLE: usize = 200;
pub const MAX_BODY: usize = 20_000;

/// The form's fields of one language's title and body.
pub fn fields(lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::Fr => ("title_fr", "body_fr"),
        Lang::En => ("title_en", "body_en"),
        Lang::De => ("title_de", "body_de"),
    }
}

/// An update as the team typed it.
#[derive(Debug, Clone, Default)]
pub struct NewsInput {
    /// Title and body per language, as typed (empty when left out).
    pub texts: Vec<(Lang, String, String)>,
    pub audience: String,
    pub rewards: Vec<String>,
}

/// An update that passed its checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidNews {
    /// Title and Markdown body of each language written; French first.
    pub texts: Vec<(Lang, String, String)>,
    pub audience: NewsAudience,
    pub rewards: Vec<String>,
}

impl NewsInput {
    /// Every mistake at once, or the update.
    pub fn validate(&self, campaign: &Campaign) -> Result<ValidNews, Vec<AppError>> {
        let mut problems = Problems::default();
        let mut texts = Vec::new();
        for lang in Lang::ALL {
            let (title_field, body_field) = fields(lang);
            let (title, body) = self
                .texts
                .iter()
                .find(|(l, ..)| *l == lang)
                .map(|(_, t, b)| (t.as_str(), b.as_str()))
                .unwrap_or_default();
            if lang == Lang::Fr {
                let title = problems.keep(required(title, MAX_TITLE).map_err(|e| text_error(title_field, e)));
                let body = problems.keep(required(body, MAX_BODY).map_err(|e| text_error(body_field, e)));
                if let (Some(title), Some(body)) = (title, body) {
                    texts.push((lang, title, body));
                }
                continue;
            }
            let title = problems.keep(bounded(title, MAX_TITLE).map_err(|e| text_error(title_field, e)));
            let body = problems.keep(bounded(body, MAX_BODY).map_err(|e| text_error(body_field, e)));
            match (title, body) {
                (Some(title), Some(body)) if title.is_empty() && body.is_empty() => {}
                (Some(title), Some(_)) if title.is_empty() => {
                    problems.add(AppError::invalid(title_field, "error-news-title-missing"))
                }
                (Some(_), Some(body)) if body.is_empty() => {
                    problems.add(AppError::invalid(body_field, "error-news-body-missing"))
                }
                (Some(title), Some(body)) => texts.push((lang, title, body)),
                _ => {}
            }
        }
        let audience = problems.keep(
            self.audience
                .trim()
                .parse::<NewsAudience>()
                .map_err(|_| AppError::invalid("audience", "error-news-audience")),
        );
        let mut rewards: Vec<String> = Vec::new();
        for id in &self.rewards {
            match campaign.reward(id.trim()) {
                Some(reward) if !rewards.contains(&reward.id.to_string()) => rewards.push(reward.id.to_string()),
                Some(_) => {}
                None => problems.add(AppError::invalid("rewards", "error-news-reward-unknown")),
            }
        }
        if audience == Some(NewsAudience::Rewards) && rewards.is_empty() && self.rewards.is_empty() {
            problems.add(AppError::invalid("rewards", "error-news-rewards-none"));
        }
        let problems = problems.into_vec();
        match audience {
            Some(audience) if problems.is_empty() => {
                let rewards = if audience == NewsAudience::Rewards { rewards } else { Vec::new() };
                Ok(ValidNews { texts, audience, rewards })
            }
            _ => Err(problems),
        }
    }
}

/// An update in one language, as pages show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewsItem {
    pub id: i64,
    pub slug: String,
    pub audience: NewsAudience,
    pub rewards: Vec<String>,
    pub state: NewsState,
    /// When it is (or will be) shown; `None` for a draft.
    pub published_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
    pub author: String,
    pub lang: Lang,
    pub title: String,
    /// Markdown, as written.
    pub body: String,
    /// Safe HTML.
    pub body_html: String,
    /// How far sending it by email went.
    pub mailing: NewsMailing,
}

impl NewsItem {
    /// Whether it shows at `now`.
    pub fn is_out(&self, now: DateTime<Utc>) -> bool {
        self.state == NewsState::Published && self.published_at.is_some_and(|at| at <= now)
    }

    /// Whether the backer of a pledge for `reward` (`None`: without one) may read it.
    pub fn is_for_backer_of(&self, reward: Option<&str>) -> bool {
        match self.audience {
            NewsAudience::Public | NewsAudience::Backers => true,
            NewsAudience::Rewards => reward.is_some_and(|r| self.rewards.iter().any(|id| id == r)),
        }
    }
}

fn item(row: news::Model, texts: &[news_text::Model], lang: Lang) -> NewsItem {
    let text = texts
        .iter()
        .find(|t| t.news_id == row.id && t.lang == lang.code())
        .or_else(|| texts.iter().find(|t| t.news_id == row.id && t.lang == Lang::Fr.code()));
    let (title, body, body_html) =
        text.map(|t| (t.title.clone(), t.body.clone(), t.body_html.clone())).unwrap_or_default();
    NewsItem {
        id: row.id,
        slug: row.slug,
        audience: row.audience,
        rewards: row.rewards.split_whitespace().map(str::to_owned).collect(),
        state: row.state,
        published_at: row.published_at_ms.map(instant),
        updated_at: instant(row.updated_at_ms),
        author: row.author,
        lang: text.and_then(|t| Lang::from_tag(&t.lang)).unwrap_or_default(),
        title,
        body,
        body_html,
        mailing: row.mailing,
    }
}

async fn with_texts(
    conn: &impl ConnectionTrait,
    rows: Vec<news::Model>,
    lang: Lang,
) -> Result<Vec<NewsItem>, AppError> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let texts = news_text::Entity::find().filter(news_text::Column::NewsId.is_in(ids)).all(conn).await?;
    Ok(rows.into_iter().map(|row| item(row, &texts, lang)).collect())
}

/// A slug of `title` that no other update has: `-2`, `-3`… after it when needed.
async fn free_slug(conn: &impl ConnectionTrait, title: &str) -> Result<String, AppError> {
    let base = slug::of(title, "news");
    for n in 1.. {
        let candidate = if n == 1 { base.clone() } else { format!("{base}-{n}") };
        let taken = news::Entity::find().filter(news::Column::Slug.eq(candidate.as_str())).count(conn).await? > 0;
        if !taken {
            return Ok(candidate);
        }
    }
    unreachable!("some number is free")
}

async fn write_texts(conn: &impl ConnectionTrait, id: i64, texts: &[(Lang, String, String)]) -> Result<(), AppError> {
    news_text::Entity::delete_many().filter(news_text::Column::NewsId.eq(id)).exec(conn).await?;
    let rows = texts.iter().map(|(lang, title, body)| news_text::ActiveModel {
        news_id: Set(id),
        lang: Set(lang.code().to_owned()),
        title: Set(title.clone()),
        body: Set(body.clone()),
        body_html: Set(markdown::to_safe_html(body)),
    });
    news_text::Entity::insert_many(rows).exec(conn).await?;
    Ok(())
}

/// Stores a new draft; gives its id.
pub async fn create(
    db: &Db,
    campaign_id: i32,
    valid: &ValidNews,
    author: &str,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    let txn = db.write.begin().await?;
    let slug = free_slug(&txn, &valid.texts[0].1).await?;
    let row = news::ActiveModel {
        campaign_id: Set(campaign_id),
        slug: Set(slug),
        audience: Set(valid.audience),
        rewards: Set(valid.rewards.join(" ")),
        state: Set(NewsState::Draft),
        published_at_ms: Set(None),
        author: Set(author.to_owned()),
        created_at_ms: Set(now.timestamp_millis()),
        updated_at_ms: Set(now.timestamp_millis()),
        mailing: Set(NewsMailing::Pending),
        mail_cursor: Set(None),
        mailed: Set(0),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    write_texts(&txn, row.id, &valid.texts).await?;
    txn.commit().await?;
    Ok(row.id)
}

/// Replaces an update's texts and audience; its address stays.
pub async fn update(db: &Db, id: i64, valid: &ValidNews, author: &str, now: DateTime<Utc>) -> Result<(), AppError> {
    let txn = db.write.begin().await?;
    let row = news::Entity::find_by_id(id).one(&txn).await?.ok_or(AppError::NotFound)?;
    let mut row: news::ActiveModel = row.into();
    row.audience = Set(valid.audience);
    row.rewards = Set(valid.rewards.join(" "));
    row.author = Set(author.to_owned());
    row.updated_at_ms = Set(now.timestamp_millis());
    row.update(&txn).await?;
    write_texts(&txn, id, &valid.texts).await?;
    txn.commit().await?;
    Ok(())
}

/// Publishes an update at `at` (now when `None` or past), to be emailed to the backers it
/// concerns once out if `email`; a published one that is not out yet may be moved, one
/// already out stays as it is.
pub async fn publish(
    db: &Db,
    id: i64,
    at: Option<DateTime<Utc>>,
    email: bool,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let txn = db.write.begin().await?;
    let row = news::Entity::find_by_id(id).one(&txn).await?.ok_or(AppError::NotFound)?;
    if row.state == NewsState::Published && row.published_at_ms.is_some_and(|ms| ms <= now.timestamp_millis()) {
        return Err(AppError::invalid("at", "error-news-already-out"));
    }
    let at = at.filter(|at| *at > now).unwrap_or(now);
    let mut row: news::ActiveModel = row.into();
    row.state = Set(NewsState::Published);
    row.published_at_ms = Set(Some(at.timestamp_millis()));
    row.mailing = Set(if email { NewsMailing::Pending } else { NewsMailing::Off });
    row.updated_at_ms = Set(now.timestamp_millis());
    row.update(&txn).await?;
    txn.commit().await?;
    Ok(())
}

/// One update in `lang`, whatever its state (the team's view), and its texts in every
/// language written, in the order of [`Lang::ALL`].
pub async fn get(db: &Db, id: i64, lang: Lang) -> Result<(NewsItem, Vec<(Lang, news_text::Model)>), AppError> {
    let row = news::Entity::find_by_id(id).one(&db.read).await?.ok_or(AppError::NotFound)?;
    let rows = news_text::Entity::find().filter(news_text::Column::NewsId.eq(id)).all(&db.read).await?;
    let shown = item(row, &rows, lang);
    let mut texts: Vec<(Lang, news_text::Model)> =
        rows.into_iter().filter_map(|row| Some((Lang::from_tag(&row.lang)?, row))).collect();
    texts.sort_by_key(|(lang, _)| Lang::ALL.iter().position(|l| l == lang));
    Ok((shown, texts))
}

/// Every update, drafts first, then newest first: the team's list.
pub async fn all(db: &Db, campaign_id: i32, lang: Lang) -> Result<Vec<NewsItem>, AppError> {
    let rows = news::Entity::find()
        .filter(news::Column::CampaignId.eq(campaign_id))
        .order_by_asc(news::Column::State)
        .order_by_desc(news::Column::PublishedAtMs)
        .order_by_desc(news::Column::Id)
        .all(&db.read)
        .await?;
    with_texts(&db.read, rows, lang).await
}

fn out(campaign_id: i32, now: DateTime<Utc>) -> Condition {
    Condition::all()
        .add(news::Column::CampaignId.eq(campaign_id))
        .add(news::Column::State.eq(NewsState::Published))
        .add(news::Column::PublishedAtMs.lte(now.timestamp_millis()))
}

/// The public updates out at `now`, newest first, `per_page` from page `page` (from 0), and
/// how many there are.
pub async fn public_page(
    db: &Db,
    campaign_id: i32,
    lang: Lang,
    now: DateTime<Utc>,
    page: u64,
    per_page: u64,
) -> Result<(Vec<NewsItem>, u64), AppError> {
    let pages = news::Entity::find()
        .filter(out(campaign_id, now))
        .filter(news::Column::Audience.eq(NewsAudience::Public))
        .order_by_desc(news::Column::PublishedAtMs)
        .order_by_desc(news::Column::Id)
        .paginate(&db.read, per_page);
    let total = pages.num_items().await?;
    let rows = pages.fetch_page(page).await?;
    Ok((with_texts(&db.read, rows, lang).await?, total))
}

/// The update at `slug` if it is out at `now`, whatever its audience (the caller checks).
pub async fn out_at(
    db: &Db,
    campaign_id: i32,
    slug: &str,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<NewsItem, AppError> {
    let row = news::Entity::find()
        .filter(out(campaign_id, now))
        .filter(news::Column::Slug.eq(slug))
        .one(&db.read)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(with_texts(&db.read, vec![row], lang).await?.remove(0))
}

/// Every update out at `now` that the backer of a pledge for `reward` may read, newest first.
pub async fn for_backer(
    db: &Db,
    campaign_id: i32,
    reward: Option<&str>,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<Vec<NewsItem>, AppError> {
    let rows = news::Entity::find()
        .filter(out(campaign_id, now))
        .order_by_desc(news::Column::PublishedAtMs)
        .order_by_desc(news::Column::Id)
        .all(&db.read)
        .await?;
    let items = with_texts(&db.read, rows, lang).await?;
    Ok(items.into_iter().filter(|item| item.is_for_backer_of(reward)).collect())
}
