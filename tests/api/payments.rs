//! Money moves: bills at the close, reminders and drops, nothing owed when the campaign fails,
//! the ledger, and the bank's files.

use std::sync::Arc;

use bobine::domain::camt::{SampleCredit, write_camt053, write_camt054};
use bobine::domain::qrbill::Reference;
use bobine::domain::states::{PaymentKind, PaymentMethod};
use bobine::services::bank_import::{self, ImportError};
use bobine::services::consistency;
use bobine::services::ledger::{self, Entry};
use bobine::services::letters::Letters;
use bobine::services::settlement;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::ConnectionTrait;
use serde_json::Value;

use crate::builders::PledgeBuilder;
use crate::helpers::{TestApp, deadline, spawn_paying_app};

const BILLS: &str = "SELECT COUNT(*) AS n FROM emails WHERE kind = 'pledge_bill'";

fn letters(app: &TestApp) -> Letters {
    Letters::new(Arc::new(app.campaign_file().clone()), "https://campagne.example.ch")
}

async fn api_pledge(app: &TestApp, token: &str) -> Value {
    let response = app.get(&format!("/api/pledges/{token}")).await;
    assert_eq!(response.status().as_u16(), 200);
    response.json().await.unwrap()
}

/// The QR reference of a pledge, as the bank file carries it.
fn qrr(id: i64) -> String {
    Reference::qrr_for(u64::try_from(id).unwrap()).compact().to_owned()
}

async fn assert_ledger_matches(app: &TestApp) {
    let differences = consistency::check(&app.db).await.unwrap();
    assert!(differences.is_empty(), "counters differ from the ledger: {differences:?}");
}

/// The instant a bill issued just after the fixture's deadline is due: 9:00 in Geneva,
/// fourteen days after the deadline's day.
fn due() -> DateTime<Utc> {
    "2030-01-15T09:00:00+01:00".parse::<DateTime<chrono::FixedOffset>>().unwrap().with_timezone(&Utc)
}

#[tokio::test]
async fn a_campaign_that_reaches_its_goal_bills_each_backer_once_with_a_qr_bill() {
    let app = spawn_paying_app("on-success").await;
    let (_, anne) = app.pledge(TestApp::body(None, "600", "anne@example.ch")).await;
    let (_, bruno) = app.pledge(TestApp::body(Some("open"), "450.50", "bruno@example.ch")).await;
    let token = anne["token"].as_str().unwrap();

    let before = api_pledge(&app, token).await;
    assert_eq!(before["payment"]["state"], "promised");
    assert_eq!(before["payment"]["qr_payload"], Value::Null);
    let page = app.get(&format!("/pledges/{token}")).await.text().await.unwrap().replace("&#x27;", "'");
    assert!(page.contains("Si l'objectif est atteint le 1 janvier 2030"), "{page}");
    assert_eq!(app.get(&format!("/pledges/{token}/bill.svg")).await.status().as_u16(), 404);

    app.clock.set(deadline() + Duration::minutes(1));
    app.wait_for(BILLS, 2).await;
    app.wait_for("SELECT COUNT(*) AS n FROM pledges WHERE payment_state = 'due'", 2).await;

    let billed = api_pledge(&app, token).await;
    let payment = &billed["payment"];
    assert_eq!(payment["state"], "due");
    assert_eq!(payment["method"], "bank");
    assert_eq!(payment["due"], "600.00");
    assert_eq!(payment["paid"], "0.00");
    assert_eq!(payment["due_date"], "2030-01-15");
    let id = anne["id"].as_i64().unwrap();
    assert_eq!(payment["qr_reference"], qrr(id));
    let expected = format!(
        "SPC\n0200\n1\nCH4431999123000889012\nS\nAssociation Mode durable Genève\nRue de l'Exemple\n1\n1204\nGenève\nCH\n\
         \n\n\n\n\n\n\n600.00\nCHF\n\n\n\n\n\n\n\nQRR\n{}\n{} Campagne d'essai\nEPD",
        qrr(id),
        anne["reference"].as_str().unwrap()
    );
    assert_eq!(payment["qr_payload"], expected);

    let page = app.get(&format!("/pledges/{token}")).await.text().await.unwrap().replace("&#x27;", "'");
    assert!(page.contains("CH44 3199 9123 0008 8901 2"), "the page tells how to pay by hand");
    assert!(page.contains(&format!("/pledges/{token}/bill")));
    let bill = app.get(&format!("/pledges/{token}/bill")).await;
    assert_eq!(bill.status().as_u16(), 200);
    let svg = app.get(&format!("/pledges/{token}/bill.svg")).await;
    assert_eq!(svg.status().as_u16(), 200);
    assert_eq!(svg.headers()["content-type"], "image/svg+xml");
    assert!(svg.text().await.unwrap().contains("<svg"));

    let campaign = app.campaign_file().clone();
    let settled =
        settlement::run_until_idle(&app.db, &campaign, app.campaign_id, &letters(&app), app.clock.now()).await.unwrap();
    assert_eq!(settled, 0, "settling again finds nothing to do");
    app.wait_for(BILLS, 2).await;
    app.wait_for("SELECT CAST(outstanding_cents AS BIGINT) AS n FROM campaigns", 105_050).await;
    assert_eq!(bruno["state"], "active");
    assert_ledger_matches(&app).await;
}

#[tokio::test]
async fn a_failed_campaign_tells_every_backer_they_owe_nothing() {
    let app = spawn_paying_app("on-success").await;
    let (_, anne) = app.pledge(TestApp::body(None, "50", "anne@example.ch")).await;
    let token = anne["token"].as_str().unwrap();
    app.clock.set(deadline() + Duration::minutes(1));
    app.wait_for("SELECT COUNT(*) AS n FROM emails WHERE kind = 'pledge_void'", 1).await;
    app.wait_for(BILLS, 0).await;
    let body = api_pledge(&app, token).await;
    assert_eq!(body["payment"]["state"], "void");
    assert_eq!(body["payment"]["qr_payload"], Value::Null);
    let page = app.get(&format!("/pledges/{token}")).await.text().await.unwrap().replace("&#x27;", "'");
    assert!(page.contains("Rien à payer : la campagne n'a pas atteint son objectif."), "{page}");
    assert_ledger_matches(&app).await;
}

#[tokio::test]
async fn an_unpaid_bill_is_reminded_then_dropped_and_a_late_payment_still_counts() {
    let app = spawn_paying_app("on-success").await;
    let (_, anne) = app.pledge(TestApp::body(None, "1000", "anne@example.ch")).await;
    let id = anne["id"].as_i64().unwrap();
    let token = anne["token"].as_str().unwrap();
    app.clock.set(deadline() + Duration::minutes(1));
    app.wait_for(BILLS, 1).await;
    let reminders = "SELECT COUNT(*) AS n FROM emails WHERE kind = 'pledge_reminder'";
    app.clock.set(due() - Duration::days(3) - Duration::minutes(1));
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    app.wait_for(reminders, 0).await;
    for (step, at) in
        [(1, due() - Duration::days(3)), (2, due()), (3, due() + Duration::days(3)), (4, due() + Duration::days(6))]
    {
        app.clock.set(at + Duration::minutes(1));
        app.wait_for(reminders, step).await;
    }
    app.clock.set(due() + Duration::days(7) + Duration::minutes(1));
    app.wait_for("SELECT COUNT(*) AS n FROM emails WHERE kind = 'pledge_dropped'", 1).await;
    app.wait_for("SELECT CAST(dropped_cents AS BIGINT) AS n FROM campaigns", 100_000).await;
    assert_eq!(api_pledge(&app, token).await["payment"]["state"], "dropped");
    let campaign = app.campaign().await;
    assert_eq!(campaign["pledged"], "1000.00", "a dropped pledge stays in the result at the close");
    app.wait_for(reminders, 4).await;

    // The team records a late payment by hand: the pledge is paid, and its backer gets a receipt.
    let txn = app.db.begin_write().await.unwrap();
    let entry = Entry {
        pledge_id: id,
        kind: PaymentKind::Payment,
        method: PaymentMethod::Manual,
        cents: 100_000,
        bank_transaction_id: None,
        stripe_ref: None,
        fee_cents: None,
        payer_name: None,
        payer_iban: None,
        note: Some("cash at the workshop".into()),
        recorded_by: Some("team@example.ch".into()),
        booked_on: NaiveDate::from_ymd_opt(2030, 1, 25).unwrap(),
    };
    let recorded = ledger::record(&txn, app.campaign_id, &[entry], app.clock.now()).await.unwrap();
    txn.commit().await.unwrap();
    assert!(recorded[0].became_paid());
    let body = api_pledge(&app, token).await;
    assert_eq!(body["payment"]["state"], "paid");
    assert_eq!(body["payment"]["method"], "manual");
    assert_eq!(body["payment"]["paid"], "1000.00");
    app.wait_for("SELECT CAST(dropped_pledges AS BIGINT) AS n FROM campaigns", 0).await;
    app.wait_for("SELECT CAST(collected_cents AS BIGINT) AS n FROM campaigns", 100_000).await;
    assert_ledger_matches(&app).await;
}

/// A credit for `reference` in a bank file.
fn credit(bank_ref: &str, cents: i64, reference: Option<String>) -> SampleCredit {
    SampleCredit {
        bank_ref: bank_ref.to_owned(),
        amount_cents: cents,
        reference,
        debtor_name: Some("Jeanne Exemple".into()),
        debtor_iban: Some("CH5800791123000889012".into()),
        booked_on: NaiveDate::from_ymd_opt(2030, 1, 5).unwrap(),
        reversal: false,
    }
}

#[tokio::test]
async fn a_bank_file_pays_partly_pays_overpays_and_lists_what_it_cannot_match() {
    let app = spawn_paying_app("on-success").await;
    let pledges = PledgeBuilder::new(&app).amount("300").place_many(4).await;
    app.clock.set(deadline() + Duration::minutes(1));
    app.wait_for(BILLS, 4).await;
    let [exact, partial, over, reversed] = [0, 1, 2, 3].map(|i| pledges[i].id);
    let iban = "CH4431999123000889012";
    let credits = vec![
        credit("B-1", 30_000, Some(qrr(exact))),
        credit("B-2", 10_000, Some(qrr(partial))),
        credit("B-3", 35_000, Some(qrr(over))),
        credit("B-4", 30_000, Some(qrr(reversed))),
        credit("B-5", 4_200, Some("RF18539007547034".into())),
        credit("B-6", 1_000, None),
    ];
    let file = write_camt054(8, iban, "MSG-1", &credits, 3);
    let campaign = app.campaign_file().clone();
    let import = |bytes: Vec<u8>| {
        let (db, campaign, letters) = (app.db.clone(), campaign.clone(), letters(&app));
        let (id, now) = (app.campaign_id, app.clock.now());
        async move { bank_import::import(&db, &campaign, id, &letters, &bytes, Some("team@example.ch"), now).await }
    };
    let report = import(file.clone().into_bytes()).await.unwrap();
    assert_eq!((report.movements, report.matched, report.unmatched, report.paid), (6, 4, 2, 3));
    let state = |token: String| {
        let app = &app;
        async move { api_pledge(app, &token).await["payment"].clone() }
    };
    assert_eq!(state(pledges[0].token.clone()).await["state"], "paid");
    let partly = state(pledges[1].token.clone()).await;
    assert_eq!((partly["state"].as_str(), partly["due"].as_str()), (Some("partly_paid"), Some("200.00")));
    assert_eq!(state(pledges[2].token.clone()).await["state"], "paid");
    app.wait_for("SELECT CAST(refund_due_cents AS BIGINT) AS n FROM campaigns", 5_000).await;
    app.wait_for("SELECT COUNT(*) AS n FROM emails WHERE kind = 'pledge_paid'", 3).await;
    assert_ledger_matches(&app).await;

    // The same file again, and a statement that holds the same payments: nothing new.
    let again = import(file.into_bytes()).await.unwrap();
    assert!(again.seen_before);
    assert_eq!((again.known, again.matched, again.unmatched), (6, 0, 0));
    let statement = write_camt053(4, iban, "STMT-1", &credits, 1);
    let overlap = import(statement.into_bytes()).await.unwrap();
    assert_eq!((overlap.known, overlap.matched), (6, 0));
    app.wait_for("SELECT CAST(collected_cents AS BIGINT) AS n FROM campaigns", 30_000 + 10_000 + 35_000 + 30_000).await;

    // The bank takes back a credit: the pledge owes again, and no receipt goes out twice.
    let reversal = SampleCredit { reversal: true, ..credit("B-4R", 30_000, Some(qrr(reversed))) };
    let report = import(write_camt054(4, iban, "MSG-2", &[reversal], 1).into_bytes()).await.unwrap();
    assert_eq!(report.matched, 1);
    assert_eq!(state(pledges[3].token.clone()).await["state"], "due");
    app.wait_for("SELECT CAST(collected_cents AS BIGINT) AS n FROM campaigns", 75_000).await;
    app.wait_for("SELECT COUNT(*) AS n FROM emails WHERE kind = 'pledge_paid'", 3).await;

    // A file that is not a bank file changes nothing.
    for hostile in [
        b"not xml at all".to_vec(),
        b"<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaa\">]><Document>&a;</Document>".to_vec(),
        b"<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.001.001.09\"/>".to_vec(),
    ] {
        assert!(matches!(import(hostile).await, Err(ImportError::Refused(_))));
    }
    app.wait_for("SELECT COUNT(*) AS n FROM bank_files", 3).await;
    app.wait_for("SELECT COUNT(*) AS n FROM bank_transactions WHERE status = 'unmatched'", 2).await;
    assert_ledger_matches(&app).await;
}

#[tokio::test]
async fn two_instances_settling_at_once_and_a_restart_half_way_bill_each_backer_once() {
    let app = spawn_paying_app("on-success").await;
    let pledges = PledgeBuilder::new(&app).amount("10").place_many(1_200).await;
    // Half way: the campaign closed and one batch was billed before the process stopped.
    let close = deadline() + Duration::minutes(1);
    bobine::jobs::closer::run_once(&app.db, app.campaign_id, close).await.unwrap();
    let campaign = app.campaign_file().clone();
    let first = settlement::run_once(&app.db, &campaign, app.campaign_id, &letters(&app), close).await.unwrap();
    assert_eq!(first as u64, settlement::BATCH);
    let app = app.restart_at(close).await;
    let twin = app.twin().await;
    app.wait_for(BILLS, 1_200).await;
    app.wait_for("SELECT COUNT(*) AS n FROM (SELECT pledge_id FROM emails WHERE kind = 'pledge_bill' GROUP BY pledge_id HAVING COUNT(*) > 1) twice", 0).await;
    app.wait_for("SELECT COUNT(*) AS n FROM pledges WHERE payment_state = 'due'", pledges.len() as i64).await;
    drop(twin);
    assert_ledger_matches(&app).await;
}

#[tokio::test]
async fn collecting_at_pledge_bills_once_confirmed_follows_a_change_and_owes_back_a_cancelled_payment() {
    let app = spawn_paying_app("at-pledge").await;
    let (_, anne) = app.pledge(TestApp::body(None, "80", "anne@example.ch")).await;
    let token = anne["token"].as_str().unwrap().to_owned();
    app.wait_for(BILLS, 1).await;
    let body = api_pledge(&app, &token).await;
    assert_eq!((body["payment"]["state"].as_str(), body["payment"]["due"].as_str()), (Some("due"), Some("80.00")));

    // The backer raises the amount: the bill asks for the new one.
    let response = app.post_form(&format!("/pledges/{token}"), &[("amount", "120")]).await;
    assert_eq!(response.status().as_u16(), 303);
    let body = api_pledge(&app, &token).await;
    assert_eq!(body["payment"]["due"], "120.00");
    assert!(body["payment"]["qr_payload"].as_str().unwrap().contains("\n120.00\nCHF\n"));

    // Paid, then cancelled before the deadline: nothing is owed, the money goes back.
    let id = anne["id"].as_i64().unwrap();
    let txn = app.db.begin_write().await.unwrap();
    let entry = Entry {
        pledge_id: id,
        kind: PaymentKind::Payment,
        method: PaymentMethod::Bank,
        cents: 12_000,
        bank_transaction_id: None,
        stripe_ref: None,
        fee_cents: None,
        payer_name: Some("Anne Dupont".into()),
        payer_iban: Some("CH5800791123000889012".into()),
        note: None,
        recorded_by: None,
        booked_on: NaiveDate::from_ymd_opt(2029, 12, 10).unwrap(),
    };
    ledger::record(&txn, app.campaign_id, std::slice::from_ref(&entry), app.clock.now()).await.unwrap();
    txn.commit().await.unwrap();
    assert_eq!(api_pledge(&app, &token).await["payment"]["state"], "paid");
    let response = app.post_form(&format!("/pledges/{token}/cancel"), &[]).await;
    assert_eq!(response.status().as_u16(), 303);
    let body = api_pledge(&app, &token).await;
    assert_eq!(body["payment"]["state"], "refund_due");
    app.wait_for("SELECT CAST(refund_due_cents AS BIGINT) AS n FROM campaigns", 12_000).await;

    // More back than came in is refused; the whole of it is recorded once.
    let refund = |cents| Entry { kind: PaymentKind::Refund, method: PaymentMethod::Manual, cents, ..entry.clone() };
    let txn = app.db.begin_write().await.unwrap();
    assert!(ledger::record(&txn, app.campaign_id, &[refund(12_001)], app.clock.now()).await.is_err());
    txn.rollback().await.unwrap();
    let txn = app.db.begin_write().await.unwrap();
    ledger::record(&txn, app.campaign_id, &[refund(12_000)], app.clock.now()).await.unwrap();
    txn.commit().await.unwrap();
    assert_eq!(api_pledge(&app, &token).await["payment"]["state"], "refunded");
    app.wait_for("SELECT CAST(collected_cents AS BIGINT) AS n FROM campaigns", 0).await;
    app.wait_for("SELECT CAST(refund_due_cents AS BIGINT) AS n FROM campaigns", 0).await;
    assert_ledger_matches(&app).await;
}

#[tokio::test]
async fn a_tampered_paid_amount_is_found_by_the_check() {
    let app = spawn_paying_app("on-success").await;
    let pledge = PledgeBuilder::new(&app).amount("50").place().await;
    app.db
        .write
        .execute_unprepared(&format!("UPDATE pledges SET paid_cents = 5000 WHERE id = {}", pledge.id))
        .await
        .unwrap();
    app.db.write.execute_unprepared("UPDATE campaigns SET collected_cents = 100").await.unwrap();
    let differences = consistency::check(&app.db).await.unwrap();
    let names: Vec<&str> = differences.iter().map(|d| d.counter.as_str()).collect();
    assert!(names.iter().any(|n| n.ends_with("collected_cents")), "{names:?}");
    assert!(names.iter().any(|n| n.contains("unlike the ledger")), "{names:?}");
}

#[tokio::test]
async fn a_payment_seen_again_under_another_bank_reference_or_a_reversal_of_more_than_came_in_waits_for_the_team() {
    let app = spawn_paying_app("on-success").await;
    let pledges = PledgeBuilder::new(&app).amount("600").place_many(2).await;
    app.clock.set(deadline() + Duration::minutes(1));
    app.wait_for(BILLS, 2).await;
    let (a, b) = (pledges[0].id, pledges[1].id);
    let campaign = app.campaign_file().clone();
    let iban = "CH4431999123000889012";
    let import = |credits: Vec<SampleCredit>| {
        let (db, campaign, letters) = (app.db.clone(), campaign.clone(), letters(&app));
        let (id, now) = (app.campaign_id, app.clock.now());
        async move {
            let file = write_camt054(8, iban, "MSG", &credits, 1);
            bank_import::import(&db, &campaign, id, &letters, file.as_bytes(), None, now).await.unwrap()
        }
    };
    assert_eq!(import(vec![credit("X-1", 60_000, Some(qrr(a)))]).await.matched, 1);
    // The same payment in a file that names it otherwise: listed, not counted twice.
    let again = import(vec![credit("Y-1", 60_000, Some(qrr(a)))]).await;
    assert_eq!((again.matched, again.unmatched), (0, 1));
    // A reversal of money that never came in: listed, the pledge untouched.
    let strange = import(vec![SampleCredit { reversal: true, ..credit("Z-1", 70_000, Some(qrr(b))) }]).await;
    assert_eq!((strange.matched, strange.unmatched), (0, 1));
    app.wait_for("SELECT CAST(collected_cents AS BIGINT) AS n FROM campaigns", 60_000).await;
    assert_eq!(api_pledge(&app, &pledges[1].token).await["payment"]["state"], "due");

    // The bank takes back the real one: the pledge owes again and its reminders take up.
    let reversed = import(vec![SampleCredit { reversal: true, ..credit("X-1R", 60_000, Some(qrr(a))) }]).await;
    assert_eq!(reversed.matched, 1);
    assert_eq!(api_pledge(&app, &pledges[0].token).await["payment"]["state"], "due");
    app.wait_for(&format!("SELECT COUNT(*) AS n FROM pledges WHERE id = {a} AND next_step_ms IS NOT NULL"), 1).await;
    app.clock.set(due() + Duration::minutes(1));
    let reminders = format!("SELECT COUNT(*) AS n FROM emails WHERE kind = 'pledge_reminder' AND pledge_id = {a}");
    app.wait_for(&reminders, 1).await;
    // Two steps fell while the clock jumped: one reminder, not a burst.
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    app.wait_for(&reminders, 1).await;
    assert_ledger_matches(&app).await;
}
