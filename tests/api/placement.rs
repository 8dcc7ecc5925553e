//! A pledge placed alone (the writer's careful path, when a batch must be retried operation
//! by operation) follows the very rule of a batch: the same refusals, nothing written when
//! refused, the same replay of an idempotency key.

use bobine::config::{Campaign, Confirmation};
use bobine::domain::Lang;
use bobine::error::AppError;
use bobine::services::pledges::{self, PledgeInput};

use crate::helpers::{deadline, fixture, spawn_app};

fn input(reward: Option<&str>, amount: &str, email: &str) -> PledgeInput {
    PledgeInput {
        reward: reward.map(str::to_owned),
        amount: amount.to_owned(),
        name: "Anne Dupont".to_owned(),
        email: email.to_owned(),
        ..PledgeInput::default()
    }
}

#[tokio::test]
async fn a_pledge_placed_alone_is_refused_as_in_a_batch_and_leaves_nothing() {
    let app = spawn_app().await;
    let campaign = Campaign::load(&fixture()).unwrap();
    let now = app.clock.now();
    let place = |reward: Option<&'static str>, email: String, key: Option<&'static str>| {
        let (db, campaign, id) = (app.db.clone(), campaign.clone(), app.campaign_id);
        async move {
            let new = input(reward, "40.00", &email).validate(&campaign, now).unwrap();
            let txn = db.begin_write().await.unwrap();
            let placed = pledges::place(&txn, &campaign, id, &new, Lang::Fr, key, Confirmation::AtOnce, now).await;
            txn.commit().await.unwrap();
            placed
        }
    };
    for n in 0..5 {
        place(Some("limited-five"), format!("b{n}@example.ch"), None).await.unwrap();
    }
    let refused = place(Some("limited-five"), "late@example.ch".into(), None).await;
    assert!(matches!(refused, Err(AppError::SoldOut)), "{refused:?}");
    assert_eq!(app.stored_pledges().await, 5, "a refused pledge leaves nothing");

    let first = place(Some("open"), "zoe@example.ch".into(), Some("k-1")).await.unwrap();
    let again = place(Some("open"), "zoe@example.ch".into(), Some("k-1")).await.unwrap();
    assert!(!first.replayed && again.replayed);
    assert_eq!(first.pledge.id, again.pledge.id);
    let other = place(None, "zoe@example.ch".into(), Some("k-1")).await;
    assert!(matches!(other, Err(AppError::IdempotencyKeyReused)), "{other:?}");
    app.assert_counters_match_pledges().await;

    // At the deadline, judged in the transaction.
    let new = input(None, "40.00", "last@example.ch").validate(&campaign, now).unwrap();
    let txn = app.db.begin_write().await.unwrap();
    let closed =
        pledges::place(&txn, &campaign, app.campaign_id, &new, Lang::Fr, None, Confirmation::AtOnce, deadline()).await;
    txn.commit().await.unwrap();
    assert!(matches!(closed, Err(AppError::CampaignClosed)), "{closed:?}");
    assert_eq!(app.stored_pledges().await, 6);
}
