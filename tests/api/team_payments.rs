//! The team's payment page: the bank's file uploaded through it, payments matched by hand or
//! set aside, refunds made, money received by hand; and the payment figures on the dashboard.

use bobine::domain::camt::{SampleCredit, write_camt054};
use bobine::domain::qrbill::Reference;
use bobine::services::consistency;
use bobine::services::pledges::PledgeRecord;
use chrono::{Duration, NaiveDate};
use reqwest::multipart::{Form, Part};
use serde_json::Value;

use crate::builders::PledgeBuilder;
use crate::helpers::{TestApp, deadline, spawn_app, spawn_paying_app};
use crate::team::{PASSWORD, add_member, log_in, read_until};

const MEMBER: &str = "tresorier@example.ch";
const ACCOUNT: &str = "CH4431999123000889012";
const PAID: &str = "SELECT COUNT(*) AS n FROM pledges WHERE payment_state = 'paid'";
const RECEIPTS: &str = "SELECT COUNT(*) AS n FROM emails WHERE kind = 'pledge_paid'";
const UNMATCHED: &str = "SELECT COUNT(*) AS n FROM bank_transactions WHERE status = 'unmatched'";

/// A paying campaign closed with `count` pledges of `amount` billed, beside one of 1000 that
/// reaches the goal, and a member logged in.
async fn billed_app(count: usize, amount: &str) -> (TestApp, Vec<PledgeRecord>) {
    let app = spawn_paying_app("on-success").await;
    let pledges = PledgeBuilder::new(&app).amount(amount).place_many(count).await;
    PledgeBuilder::new(&app).amount("1000").place().await;
    app.clock.set(deadline() + Duration::minutes(1));
    app.wait_for("SELECT COUNT(*) AS n FROM pledges WHERE payment_state = 'due'", count as i64 + 1).await;
    add_member(&app, MEMBER).await;
    assert_eq!(log_in(&app, MEMBER, PASSWORD).await.status().as_u16(), 303);
    (app, pledges)
}

/// The QR reference of a pledge's bill.
fn qrr(id: i64) -> String {
    Reference::qrr_for(u64::try_from(id).unwrap()).compact().to_owned()
}

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

/// Uploads `bytes` through the page's form, with the member's form token unless `csrf` is
/// false; returns the answer.
async fn upload(app: &TestApp, bytes: Vec<u8>, csrf: bool) -> reqwest::Response {
    let mut form = Form::new().part("file", Part::bytes(bytes).file_name("camt054.xml").mime_str("text/xml").unwrap());
    if csrf {
        form = form.text("csrf", app.csrf_token().await);
    }
    app.client.post(app.url("/team/payments/import")).multipart(form).send().await.unwrap()
}

async fn payments_page(app: &TestApp) -> String {
    let page = app.get("/team/payments").await;
    assert_eq!(page.status().as_u16(), 200);
    page.text().await.unwrap().replace("&#x27;", "'")
}

/// The id of the only unmatched bank transaction.
async fn unmatched_id(app: &TestApp) -> i64 {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let found = entity::bank_transaction::Entity::find()
        .filter(entity::bank_transaction::Column::Status.eq(bobine::domain::states::BankStatus::Unmatched))
        .all(&app.db.read)
        .await
        .unwrap();
    assert_eq!(found.len(), 1, "one unmatched transaction");
    found[0].id
}

async fn campaign_cents(app: &TestApp, column: &str) -> i64 {
    #[derive(sea_orm::FromQueryResult)]
    struct Number {
        n: i64,
    }
    let sql = format!("SELECT CAST({column} AS BIGINT) AS n FROM campaigns");
    let statement = sea_orm::Statement::from_string(app.db.backend(), sql);
    <Number as sea_orm::FromQueryResult>::find_by_statement(statement).one(&app.db.read).await.unwrap().unwrap().n
}

async fn assert_ledger_matches(app: &TestApp) {
    let differences = consistency::check(&app.db).await.unwrap();
    assert!(differences.is_empty(), "counters differ from the ledger: {differences:?}");
}

#[tokio::test]
async fn team_payments_a_bank_file_uploaded_on_the_page_pays_its_pledge_and_says_so() {
    let (app, pledges) = billed_app(2, "300").await;
    let file = write_camt054(8, ACCOUNT, "MSG-1", &[credit("B-1", 30_000, Some(qrr(pledges[0].id)))], 1);
    let answer = upload(&app, file.into_bytes(), true).await;
    assert_eq!(answer.status().as_u16(), 303);
    assert_eq!(answer.headers()["location"], "/team/payments");
    let page = payments_page(&app).await;
    assert!(page.contains("camt.054 importé : 1 mouvement(s), 1 rattaché(s)"), "{page}");
    assert!(page.contains("1 promesse(s) désormais payée(s)"), "{page}");
    assert!(page.contains("CHF 300.00</strong> reçus"), "{page}");
    assert_eq!(campaign_cents(&app, "outstanding_cents").await, 130_000, "the others still owe");
    app.wait_for(PAID, 1).await;
    app.wait_for(RECEIPTS, 1).await;
    assert_ledger_matches(&app).await;
}

#[tokio::test]
async fn team_payments_a_file_that_is_not_a_bank_file_is_refused_and_changes_nothing() {
    let (app, _) = billed_app(1, "300").await;
    let answer = upload(&app, b"not xml at all".to_vec(), true).await;
    assert_eq!(answer.status().as_u16(), 303);
    let page = payments_page(&app).await;
    assert!(page.contains("Fichier refusé, rien n'a changé"), "{page}");
    app.wait_for("SELECT COUNT(*) AS n FROM bank_files", 0).await;
    app.wait_for("SELECT COUNT(*) AS n FROM payments", 0).await;
    assert_eq!(campaign_cents(&app, "collected_cents").await, 0);
}

#[tokio::test]
async fn team_payments_an_unmatched_credit_matched_by_reference_pays_its_pledge_once() {
    let (app, pledges) = billed_app(1, "300").await;
    let file = write_camt054(8, ACCOUNT, "MSG-1", &[credit("B-9", 30_000, None)], 1);
    upload(&app, file.into_bytes(), true).await;
    app.wait_for(UNMATCHED, 1).await;
    let page = payments_page(&app).await;
    assert!(page.contains("Jeanne Exemple") && page.contains("CH5800791123000889012"), "{page}");
    let id = unmatched_id(&app).await;
    let path = format!("/team/payments/transactions/{id}/match");

    let unknown = app.post_form(&path, &[("pledge", "ZZZZ-ZZZZ")]).await;
    assert_eq!(unknown.status().as_u16(), 303);
    assert!(payments_page(&app).await.contains("Aucune promesse ne correspond"));
    app.wait_for(UNMATCHED, 1).await;

    let matched = app.post_form(&path, &[("pledge", &pledges[0].reference.to_lowercase())]).await;
    assert_eq!(matched.status().as_u16(), 303);
    let page = payments_page(&app).await;
    assert!(page.contains(&format!("Paiement rattaché à la promesse {}", pledges[0].reference)), "{page}");
    assert!(page.contains("Un reçu part par e-mail."), "{page}");
    assert!(page.contains("Aucun paiement à rattacher."), "{page}");
    app.wait_for(PAID, 1).await;
    app.wait_for(RECEIPTS, 1).await;

    // The same form sent again (a second tab, a double click) records nothing more.
    app.post_form(&path, &[("pledge", &pledges[0].reference)]).await;
    assert!(payments_page(&app).await.contains("Ce paiement a déjà été traité"));
    app.wait_for("SELECT COUNT(*) AS n FROM payments", 1).await;
    app.wait_for(RECEIPTS, 1).await;
    assert_eq!(campaign_cents(&app, "collected_cents").await, 30_000);
    let decided = "SELECT COUNT(*) AS n FROM bank_transactions WHERE decided_by = 'tresorier@example.ch'";
    app.wait_for(decided, 1).await;
    assert_ledger_matches(&app).await;
}

#[tokio::test]
async fn team_payments_a_backer_s_email_names_their_pledge_only_when_they_made_one() {
    let app = spawn_paying_app("on-success").await;
    for amount in ["300", "120"] {
        assert_eq!(app.pledge(TestApp::body(None, amount, "anne@example.ch")).await.0, 201);
    }
    assert_eq!(app.pledge(TestApp::body(None, "700", "bruno@example.ch")).await.0, 201);
    app.clock.set(deadline() + Duration::minutes(1));
    app.wait_for("SELECT COUNT(*) AS n FROM pledges WHERE payment_state = 'due'", 3).await;
    add_member(&app, MEMBER).await;
    log_in(&app, MEMBER, PASSWORD).await;
    upload(&app, write_camt054(8, ACCOUNT, "MSG-1", &[credit("B-1", 70_000, None)], 1).into_bytes(), true).await;
    let path = format!("/team/payments/transactions/{}/match", unmatched_id(&app).await);
    app.post_form(&path, &[("pledge", "anne@example.ch")]).await;
    assert!(payments_page(&app).await.contains("Cette adresse a fait plusieurs promesses"));
    app.wait_for(UNMATCHED, 1).await;
    app.post_form(&path, &[("pledge", "Bruno@Example.CH")]).await;
    app.wait_for(UNMATCHED, 0).await;
    app.wait_for("SELECT COUNT(*) AS n FROM pledges WHERE payment_state = 'paid' AND email = 'bruno@example.ch'", 1)
        .await;
}

#[tokio::test]
async fn team_payments_not_ours_moves_a_transaction_out_of_the_list() {
    let (app, _) = billed_app(1, "300").await;
    upload(&app, write_camt054(8, ACCOUNT, "MSG-1", &[credit("B-7", 4_200, None)], 1).into_bytes(), true).await;
    let id = unmatched_id(&app).await;
    assert!(payments_page(&app).await.contains(&format!("transaction-{id}")));
    let answer = app.post_form(&format!("/team/payments/transactions/{id}/not-ours"), &[]).await;
    assert_eq!(answer.status().as_u16(), 303);
    let page = payments_page(&app).await;
    assert!(page.contains("Paiement écarté"), "{page}");
    assert!(!page.contains(&format!("transaction-{id}")), "{page}");
    app.wait_for("SELECT COUNT(*) AS n FROM bank_transactions WHERE status = 'not_ours'", 1).await;
    app.wait_for("SELECT COUNT(*) AS n FROM payments", 0).await;
}

#[tokio::test]
async fn team_payments_a_refund_made_settles_what_is_due_back() {
    let (app, pledges) = billed_app(1, "300").await;
    let over = credit("B-1", 35_000, Some(qrr(pledges[0].id)));
    upload(&app, write_camt054(8, ACCOUNT, "MSG-1", &[over], 1).into_bytes(), true).await;
    app.wait_for("SELECT CAST(refund_due_cents AS BIGINT) AS n FROM campaigns", 5_000).await;
    let page = payments_page(&app).await;
    assert!(page.contains(&format!("refund-{}", pledges[0].id)), "{page}");
    assert!(page.contains("value=\"50.00\""), "the amount defaults to what is due: {page}");
    assert!(page.contains("<code>CH5800791123000889012</code>"), "the payer's account: {page}");
    let path = format!("/team/payments/refunds/{}", pledges[0].id);

    app.post_form(&path, &[("amount", "60"), ("note", "")]).await;
    assert!(payments_page(&app).await.contains("On ne peut pas rembourser plus que ce qui est à rendre"));
    let made = app.post_form(&path, &[("amount", "50.00"), ("note", "virement du 20 janvier")]).await;
    assert_eq!(made.status().as_u16(), 303);
    let page = payments_page(&app).await;
    assert!(page.contains("Remboursement de CHF 50.00 enregistré"), "{page}");
    assert!(page.contains("Aucun remboursement à faire."), "{page}");
    assert_eq!(campaign_cents(&app, "refund_due_cents").await, 0);
    assert_eq!(campaign_cents(&app, "refunded_cents").await, 5_000);
    assert_eq!(campaign_cents(&app, "collected_cents").await, 30_000);
    let note = "SELECT COUNT(*) AS n FROM payments WHERE kind = 'refund' AND method = 'manual' AND note = 'virement du 20 janvier' AND recorded_by = 'tresorier@example.ch'";
    app.wait_for(note, 1).await;
    app.wait_for(PAID, 1).await;
    assert_ledger_matches(&app).await;
}

#[tokio::test]
async fn team_payments_a_payment_by_hand_takes_a_comma_and_explains_a_wrong_amount() {
    let (app, pledges) = billed_app(1, "25").await;
    let reference = pledges[0].reference.as_str();
    let wrong = app.post_form("/team/payments/by-hand", &[("pledge", reference), ("amount", "1e3")]).await;
    assert_eq!(wrong.status().as_u16(), 303, "a wrong amount is explained, never a server error");
    assert!(payments_page(&app).await.contains("Le montant doit être écrit en chiffres"));
    app.wait_for("SELECT COUNT(*) AS n FROM payments", 0).await;

    let half = app.post_form("/team/payments/by-hand", &[("pledge", reference), ("amount", "12,50")]).await;
    assert_eq!(half.status().as_u16(), 303);
    let page = payments_page(&app).await;
    assert!(
        page.contains(&format!("Paiement de CHF 12.50 enregistré pour la promesse {reference} : payé en partie")),
        "{page}"
    );
    app.post_form("/team/payments/by-hand", &[("pledge", reference), ("amount", "12.50"), ("note", "atelier")]).await;
    assert!(payments_page(&app).await.contains("Un reçu part par e-mail."));
    app.wait_for(PAID, 1).await;
    app.wait_for(RECEIPTS, 1).await;
    app.wait_for("SELECT COUNT(*) AS n FROM payments WHERE method = 'manual' AND kind = 'payment'", 2).await;
    assert_ledger_matches(&app).await;
}

#[tokio::test]
async fn team_payments_the_dashboard_and_the_summary_show_the_money_and_warn_of_the_example_account() {
    let (app, pledges) = billed_app(2, "300").await;
    upload(
        &app,
        write_camt054(8, ACCOUNT, "MSG-1", &[credit("B-1", 35_000, Some(qrr(pledges[0].id)))], 1).into_bytes(),
        true,
    )
    .await;
    app.wait_for(PAID, 1).await;
    let dashboard = app.get("/team").await.text().await.unwrap().replace("&#x27;", "'");
    assert!(dashboard.contains("data-live=\"figures.payments.collected\">350.00"), "{dashboard}");
    assert!(dashboard.contains("data-live=\"figures.payments.outstanding\">1"), "{dashboard}");
    assert!(dashboard.contains("data-live=\"figures.payments.refund_due\">50.00"), "{dashboard}");
    assert!(dashboard.contains("compte d'exemple"), "the fixture's QR-IBAN is the standard's example");
    assert!(payments_page(&app).await.contains("compte d'exemple"));

    let summary: Value = app.get("/api/team/summary").await.json().await.unwrap();
    assert_eq!(summary["pledged"], "1600.00");
    assert_eq!(summary["collected"], "350.00");
    assert_eq!(summary["outstanding"], "1300.00");
    assert_eq!(summary["refunds_due"], "50.00");
    assert_eq!(summary["refunded"], "0.00");
    assert_eq!(summary["dropped"], "0.00");
    assert_eq!(summary["dropped_pledges"], 0);
    assert_eq!(summary["payments_enabled"], true);
    assert_eq!(summary["example_account"], true);
    let docs: Value = app.get("/api/openapi.json").await.json().await.unwrap();
    let schema = &docs["components"]["schemas"]["SummaryBody"]["properties"];
    for field in ["collected", "outstanding", "refunds_due", "dropped", "payments_enabled", "example_account"] {
        assert!(schema[field].is_object(), "the summary's {field} is described: {schema}");
    }
}

#[tokio::test]
async fn team_payments_without_a_payments_section_the_pages_say_payments_are_off() {
    let app = spawn_app().await;
    add_member(&app, MEMBER).await;
    log_in(&app, MEMBER, PASSWORD).await;
    let dashboard = app.get("/team").await.text().await.unwrap();
    assert!(dashboard.contains("Les paiements ne sont pas activés"), "{dashboard}");
    let page = payments_page(&app).await;
    assert!(page.contains("Les paiements ne sont pas activés"), "{page}");
    assert!(!page.contains("/team/payments/import"), "no form where nothing can be done: {page}");
    let summary: Value = app.get("/api/team/summary").await.json().await.unwrap();
    assert_eq!(summary["payments_enabled"], false);
    assert_eq!(summary["collected"], "0.00");
    let refused = app.post_form("/team/payments/by-hand", &[("pledge", "x@example.ch"), ("amount", "10")]).await;
    assert_eq!(refused.status().as_u16(), 303);
    assert!(payments_page(&app).await.contains("Les paiements ne sont pas activés"));
    let file = write_camt054(8, ACCOUNT, "MSG-1", &[credit("B-1", 1_000, None)], 1);
    assert_eq!(upload(&app, file.into_bytes(), true).await.status().as_u16(), 303);
    assert!(payments_page(&app).await.contains("Les paiements ne sont pas activés"));
    app.wait_for("SELECT COUNT(*) AS n FROM bank_files", 0).await;
}

#[tokio::test]
async fn team_payments_every_form_refuses_a_missing_token_and_a_visitor_is_sent_to_log_in() {
    let (app, pledges) = billed_app(1, "300").await;
    upload(&app, write_camt054(8, ACCOUNT, "MSG-1", &[credit("B-1", 1_000, None)], 1).into_bytes(), true).await;
    let id = unmatched_id(&app).await;
    let refund = format!("/team/payments/refunds/{}", pledges[0].id);
    let forms = [
        format!("/team/payments/transactions/{id}/match"),
        format!("/team/payments/transactions/{id}/not-ours"),
        refund,
        "/team/payments/by-hand".to_owned(),
    ];
    for path in &forms {
        let fields = [("pledge", pledges[0].reference.as_str()), ("amount", "10")];
        let answer = app.client.post(app.url(path)).form(&fields).send().await.unwrap();
        assert_eq!(answer.status().as_u16(), 403, "{path} without a form token");
    }
    let file = write_camt054(8, ACCOUNT, "MSG-2", &[credit("B-2", 30_000, Some(qrr(pledges[0].id)))], 1);
    assert_eq!(upload(&app, file.into_bytes(), false).await.status().as_u16(), 403);
    app.wait_for("SELECT COUNT(*) AS n FROM payments", 0).await;
    app.wait_for(UNMATCHED, 1).await;

    let visitor = app.browser_from("127.0.0.2");
    let answer = visitor.get("/team/payments").await;
    assert_eq!(answer.status().as_u16(), 303);
    assert_eq!(answer.headers()["location"], "/team/login?next=%2Fteam%2Fpayments");
    let answer = visitor.post_form("/team/payments/by-hand", &[("pledge", "x"), ("amount", "10")]).await;
    assert!(answer.status().is_redirection() || answer.status().as_u16() == 401, "{}", answer.status());
    app.wait_for("SELECT COUNT(*) AS n FROM payments", 0).await;
}

#[tokio::test]
async fn team_payments_pledges_filter_by_payment_state_and_the_export_tells_how_each_was_paid() {
    let (app, pledges) = billed_app(2, "25").await;
    let paid = pledges[0].reference.as_str();
    app.post_form("/team/payments/by-hand", &[("pledge", paid), ("amount", "25")]).await;
    app.wait_for(PAID, 1).await;

    let page = app.get("/team/pledges?payment=paid").await.text().await.unwrap();
    assert!(page.contains("1 promesse") && page.contains(paid), "{page}");
    assert!(!page.contains(&pledges[1].reference), "{page}");
    assert!(page.contains("<option value=\"paid\" selected>payé</option>"), "{page}");
    let due = app.get("/team/pledges?payment=due").await.text().await.unwrap();
    assert!(due.contains("2 promesses") && due.contains(&pledges[1].reference), "{due}");

    let csv = app.get("/team/pledges.csv").await.text().await.unwrap();
    let row = |reference: &str| csv.lines().find(|l| l.contains(reference)).unwrap().to_owned();
    let paid_row = row(paid);
    assert!(paid_row.contains(",\"paid\",\"25.00\",\"20"), "{paid_row}");
    assert!(paid_row.ends_with(",\"manual\",\"\",\"0.00\""), "{paid_row}");
    let due_row = row(&pledges[1].reference);
    assert!(due_row.ends_with(",\"due\",\"0.00\",\"\",\"bank\",\"\",\"0.00\""), "{due_row}");
    let filtered = app.get("/team/pledges.csv?payment=paid").await.text().await.unwrap();
    assert_eq!(filtered.lines().count(), 2, "{filtered}");
}

#[tokio::test]
async fn team_payments_the_open_dashboard_receives_the_money_figures_as_they_move() {
    let (app, pledges) = billed_app(1, "25").await;
    let mut stream = app.get("/team/events").await;
    assert_eq!(stream.status().as_u16(), 200);
    let mut received = String::new();
    read_until(&mut stream, &mut received, "\"collected\":\"0.00\"").await;
    assert!(received.contains("\"outstanding\":\"1"), "{received}");
    app.post_form("/team/payments/by-hand", &[("pledge", &pledges[0].reference), ("amount", "25")]).await;
    read_until(&mut stream, &mut received, "\"collected\":\"25.00\"").await;
}

#[tokio::test]
async fn team_payments_a_reversal_matched_by_hand_takes_back_only_what_its_pledge_received() {
    let (app, pledges) = billed_app(1, "300").await;
    let reversal = SampleCredit { reversal: true, ..credit("B-R", 30_000, None) };
    upload(&app, write_camt054(8, ACCOUNT, "MSG-1", &[reversal], 1).into_bytes(), true).await;
    let id = unmatched_id(&app).await;
    assert!(payments_page(&app).await.contains("contre-passation"));
    app.post_form(&format!("/team/payments/transactions/{id}/match"), &[("pledge", &pledges[0].reference)]).await;
    assert!(payments_page(&app).await.contains("Cette contre-passation reprend plus"));
    app.wait_for(UNMATCHED, 1).await;
    app.wait_for("SELECT COUNT(*) AS n FROM payments", 0).await;
    assert_ledger_matches(&app).await;
}

#[tokio::test]
async fn team_payments_the_page_and_its_messages_speak_the_visitor_s_language() {
    let (app, pledges) = billed_app(1, "25").await;
    let page = app.get("/team/payments?lang=en").await.text().await.unwrap();
    for label in ["Payments to match", "Refunds to make", "Payment received by hand", "still owed"] {
        assert!(page.contains(label), "{label}: {page}");
    }
    app.post_form("/team/payments/by-hand", &[("pledge", &pledges[0].reference), ("amount", "1e3")]).await;
    let page = payments_page(&app).await;
    assert!(page.contains("Write the amount in digits"), "{page}");
    app.post_form("/team/payments/by-hand", &[("pledge", "nobody@example.ch"), ("amount", "10")]).await;
    assert!(payments_page(&app).await.contains("No pledge has this reference or this email."));
}
