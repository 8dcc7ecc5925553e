//! The database itself refuses a state or kind its enum does not know, so neither a bug nor
//! a hand-written query can leave a pledge in a state the code cannot read.

use sea_orm::ConnectionTrait;

use crate::helpers::{TestApp, spawn_app};

#[tokio::test]
async fn the_database_refuses_a_state_no_enum_knows() {
    let app = spawn_app().await;
    let (status, pledge) = app.pledge(TestApp::body(None, "25.00", "anne@example.ch")).await;
    assert_eq!((status, pledge["state"].as_str()), (201, Some("active")));

    let refused = [
        format!("UPDATE pledges SET state = 'actif' WHERE id = {}", pledge["id"]),
        format!("UPDATE pledges SET pay_by = 'paypal' WHERE id = {}", pledge["id"]),
        format!("UPDATE pledges SET payment_state = 'charged' WHERE id = {}", pledge["id"]),
        format!("UPDATE pledges SET shipping_zone = 'mars' WHERE id = {}", pledge["id"]),
        "UPDATE campaigns SET state = 'closed'".to_owned(),
        "UPDATE source_totals SET kind = 'campaign'".to_owned(),
        "UPDATE rewards SET kind = 'dinner'".to_owned(),
        format!(
            "INSERT INTO questions (campaign_id, name, email, lang, message, may_publish, state, created_at_ms) \
             VALUES ({}, 'Anne', 'a@example.ch', 'fr', 'Q', true, 'open', 0)",
            app.campaign_id
        ),
        format!(
            "INSERT INTO news (campaign_id, slug, audience, rewards, state, author, created_at_ms, updated_at_ms) \
             VALUES ({}, 'n', 'friends', '', 'draft', 'a@example.ch', 0, 0)",
            app.campaign_id
        ),
        format!(
            "INSERT INTO news (campaign_id, slug, audience, rewards, state, author, created_at_ms, updated_at_ms) \
             VALUES ({}, 'n', 'public', '', 'sent', 'a@example.ch', 0, 0)",
            app.campaign_id
        ),
        format!(
            "INSERT INTO news (campaign_id, slug, audience, rewards, state, author, created_at_ms, updated_at_ms, \
             mailing) VALUES ({}, 'n', 'public', '', 'draft', 'a@example.ch', 0, 0, 'mailed')",
            app.campaign_id
        ),
        "INSERT INTO emails (kind, to_address, subject, body, state, attempts, next_attempt_ms, created_at_ms) \
         VALUES ('pledge_placed', 'a@example.ch', 's', 'b', 'queued', 0, 0, 0)"
            .to_owned(),
        "INSERT INTO emails (kind, to_address, subject, body, state, attempts, next_attempt_ms, created_at_ms) \
         VALUES ('newsletter', 'a@example.ch', 's', 'b', 'waiting', 0, 0, 0)"
            .to_owned(),
        format!(
            "INSERT INTO fulfilments (pledge_id, reward_id, state, changed_at_ms) VALUES ({}, 'open', 'lost', 0)",
            pledge["id"]
        ),
    ];
    for sql in &refused {
        assert!(app.db.write.execute_unprepared(sql).await.is_err(), "accepted: {sql}");
    }
    // The known values still go in.
    let cancel = format!("UPDATE pledges SET state = 'cancelled' WHERE id = {}", pledge["id"]);
    assert!(app.db.write.execute_unprepared(&cancel).await.is_ok());
}

/// Every value of every stored enum goes in, inside a transaction rolled back: a value added
/// to an enum without the migration that lets the database take it fails here.
#[tokio::test]
async fn every_value_of_every_stored_enum_is_accepted_by_the_database() {
    use bobine::domain::states::{
        CampaignState, DesignerState, EmailKind, EmailState, OfferKind, OfferState, PledgeState, RewardKind, SourceKind,
    };
    use sea_orm::TransactionTrait;

    let app = spawn_app().await;
    let (status, pledge) = app.pledge(TestApp::body(Some("open"), "25.00", "anne@example.ch")).await;
    assert_eq!(status, 201);
    assert_eq!(pledge["state"], "active");
    let mut statements = Vec::new();
    for v in CampaignState::all() {
        statements.push(format!("UPDATE campaigns SET state = '{v}'"));
    }
    for v in PledgeState::all() {
        statements.push(format!("UPDATE pledges SET state = '{v}'"));
    }
    for v in RewardKind::all() {
        statements.push(format!("UPDATE rewards SET kind = '{v}'"));
    }
    for v in SourceKind::all() {
        statements.push(format!("UPDATE source_totals SET kind = '{v}' WHERE kind = '{v}'"));
    }
    for v in DesignerState::all() {
        statements.push(format!(
            "INSERT INTO designers (campaign_id, slug, name, brand, email, bio, links, practices, area, state, \
             edit_token, lang, has_photo, created_at_ms, updated_at_ms) \
             VALUES ({c}, 'd-{v}', 'N', 'B', 'd@example.ch', 'bio', '', '', 'carouge', '{v}', 'token-{v}', 'fr', FALSE, 0, 0)",
            c = app.campaign_id
        ));
    }
    for v in OfferState::all() {
        statements.push(format!(
            "INSERT INTO offers (campaign_id, kind, description, name, email, lang, state, created_at_ms, updated_at_ms) \
             VALUES ({c}, 'time', 'd', 'N', 'o@example.ch', 'fr', '{v}', 0, 0)",
            c = app.campaign_id
        ));
    }
    for v in OfferKind::all() {
        statements.push(format!(
            "INSERT INTO offers (campaign_id, kind, description, name, email, lang, state, created_at_ms, updated_at_ms) \
             VALUES ({c}, '{v}', 'd', 'N', 'o@example.ch', 'fr', 'new', 0, 0)",
            c = app.campaign_id
        ));
    }
    let email = |kind: EmailKind, state: EmailState| {
        format!(
            "INSERT INTO emails (kind, to_address, subject, body, state, attempts, next_attempt_ms, created_at_ms) \
             VALUES ('{kind}', 'a@example.ch', 's', 'b', '{state}', 0, 0, 0)"
        )
    };
    for v in EmailState::all() {
        statements.push(email(EmailKind::PledgePlaced, v));
    }
    use bobine::domain::states::{NewsAudience, NewsMailing, NewsState};
    for (audience, state) in NewsAudience::all().flat_map(|a| NewsState::all().map(move |s| (a, s))) {
        for mailing in NewsMailing::all() {
            statements.push(format!(
                "INSERT INTO news (campaign_id, slug, audience, rewards, state, author, created_at_ms, updated_at_ms, \
                 mailing) VALUES ({c}, 'n-{audience}-{state}-{mailing}', '{audience}', '', '{state}', 'a@example.ch', \
                 0, 0, '{mailing}')",
                c = app.campaign_id
            ));
        }
    }
    for v in EmailKind::all() {
        statements.push(email(v, EmailState::Waiting));
    }
    for v in bobine::domain::states::QuestionState::all() {
        statements.push(format!(
            "INSERT INTO questions (campaign_id, name, email, lang, message, may_publish, state, created_at_ms) \
             VALUES ({c}, 'Anne', 'a@example.ch', 'fr', 'Q', true, '{v}', 0)",
            c = app.campaign_id
        ));
    }
    use bobine::domain::states::{MethodState, OperationKind, OperationState, PayBy, PaymentMethod, PaymentState};
    let id = &pledge["id"];
    for v in bobine::domain::states::FulfilmentState::all() {
        statements.push(format!("DELETE FROM fulfilments WHERE pledge_id = {id}"));
        statements.push(format!(
            "INSERT INTO fulfilments (pledge_id, reward_id, state, changed_at_ms) VALUES ({id}, 'open', '{v}', 0)"
        ));
    }
    for v in PaymentState::all() {
        statements.push(format!("UPDATE pledges SET payment_state = '{v}' WHERE id = {id}"));
    }
    for v in bobine::domain::states::ShippingZone::all() {
        statements.push(format!("UPDATE pledges SET shipping_zone = '{v}' WHERE id = {id}"));
    }
    for v in PayBy::all() {
        statements.push(format!("UPDATE pledges SET pay_by = '{v}' WHERE id = {id}"));
    }
    for v in MethodState::all() {
        statements.push(format!("UPDATE pledges SET method_state = '{v}' WHERE id = {id}"));
    }
    for v in PaymentMethod::all() {
        statements.push(format!(
            "INSERT INTO payments (campaign_id, pledge_id, kind, method, amount_cents, booked_on, created_at_ms) \
             VALUES ({c}, {id}, 'payment', '{v}', 100, '2026-11-27', 0)",
            c = app.campaign_id
        ));
    }
    for (kind, state) in OperationKind::all().flat_map(|k| OperationState::all().map(move |s| (k, s))) {
        statements.push(format!(
            "INSERT INTO stripe_operations (campaign_id, pledge_id, kind, attempt, idempotency_key, amount_cents, \
             request, state, created_at_ms) VALUES ({c}, {id}, '{kind}', 1, 'k', 100, '[]', '{state}', 0)",
            c = app.campaign_id
        ));
    }
    for sql in &statements {
        let txn = app.db.write.begin().await.unwrap();
        let done = txn.execute_unprepared(sql).await;
        txn.rollback().await.unwrap();
        assert!(done.is_ok(), "refused: {sql}: {done:?}");
    }
}

/// Rows already stored hold these texts: renaming one would leave them unreadable.
#[test]
fn the_stored_texts_stay_as_rows_already_hold_them() {
    use bobine::domain::states::{
        CampaignState, DesignerState, EmailKind, EmailState, OfferKind, OfferState, PledgeState, RewardKind, SourceKind,
    };
    fn texts<T: ToString>(values: impl Iterator<Item = T>) -> Vec<String> {
        values.map(|v| v.to_string()).collect()
    }
    assert_eq!(texts(CampaignState::all()), ["open", "succeeded", "failed"]);
    assert_eq!(texts(PledgeState::all()), ["unconfirmed", "active", "cancelled"]);
    assert_eq!(texts(DesignerState::all()), ["pending", "approved", "rejected", "unpublished"]);
    assert_eq!(texts(EmailState::all()), ["waiting", "sent", "failed", "handled"]);
    assert_eq!(texts(bobine::domain::states::NewsAudience::all()), ["public", "backers", "rewards"]);
    assert_eq!(texts(bobine::domain::states::NewsState::all()), ["draft", "published"]);
    assert_eq!(texts(bobine::domain::states::NewsMailing::all()), ["pending", "sending", "done", "off"]);
    assert_eq!(texts(bobine::domain::states::QuestionState::all()), ["new", "answered", "published"]);
    assert_eq!(
        texts(bobine::domain::states::FulfilmentState::all()),
        ["to_prepare", "ready", "shipped", "delivered", "attended", "problem"]
    );
    assert_eq!(
        texts(EmailKind::all()),
        [
            "pledge_confirm",
            "pledge_placed",
            "pledge_changed",
            "pledge_cancelled",
            "offer_received",
            "designer_link",
            "designer_approved",
            "designer_rejected",
            "designer_unpublished",
            "pledge_bill",
            "pledge_reminder",
            "pledge_dropped",
            "pledge_void",
            "pledge_paid",
            "payment_errored",
            "payment_method_lost",
            "pledge_refunded",
            "pledge_links",
            "news",
            "question_answered",
            "session_moved",
            "session_cancelled",
            "session_reminder",
            "fulfilment_changed",
            "details_request"
        ]
    );
    assert_eq!(texts(OfferState::all()), ["new", "contacted", "accepted", "declined"]);
    assert_eq!(
        texts(OfferKind::all()),
        [
            "time",
            "skills",
            "machines",
            "space",
            "introduction",
            "partner-technology",
            "partner-media",
            "partner-finance",
            "interview"
        ]
    );
    assert_eq!(texts(SourceKind::all()), ["tag", "site"]);
    assert_eq!(texts(RewardKind::all()), ["object", "workshop", "guided-tour", "coaching", "meeting"]);
    use bobine::domain::states::{BankDirection, BankFileKind, BankStatus, PaymentKind, PaymentMethod, PaymentState};
    assert_eq!(
        texts(PaymentState::all()),
        ["promised", "due", "partly_paid", "paid", "errored", "dropped", "void", "refund_due", "refunded"]
    );
    assert_eq!(texts(PaymentKind::all()), ["payment", "reversal", "refund"]);
    assert_eq!(texts(PaymentMethod::all()), ["bank", "manual", "card", "twint"]);
    use bobine::domain::states::{MethodState, OperationKind, OperationState, PayBy};
    assert_eq!(texts(PayBy::all()), ["bank", "card", "twint"]);
    assert_eq!(texts(bobine::domain::states::ShippingZone::all()), ["switzerland", "europe", "world"]);
    assert_eq!(texts(MethodState::all()), ["not_needed", "pending", "saved", "removed"]);
    assert_eq!(texts(OperationKind::all()), ["charge", "refund"]);
    assert_eq!(texts(OperationState::all()), ["sending", "succeeded", "failed"]);
    assert_eq!(texts(BankFileKind::all()), ["camt053", "camt054"]);
    assert_eq!(texts(BankDirection::all()), ["credit", "reversal"]);
    assert_eq!(texts(BankStatus::all()), ["matched", "unmatched", "not_ours"]);
}
