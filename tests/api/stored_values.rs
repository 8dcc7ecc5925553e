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
        "UPDATE campaigns SET state = 'closed'".to_owned(),
        "UPDATE source_totals SET kind = 'campaign'".to_owned(),
        "UPDATE rewards SET kind = 'dinner'".to_owned(),
        "INSERT INTO emails (kind, to_address, subject, body, state, attempts, next_attempt_ms, created_at_ms) \
         VALUES ('pledge_placed', 'a@example.ch', 's', 'b', 'queued', 0, 0, 0)"
            .to_owned(),
        "INSERT INTO emails (kind, to_address, subject, body, state, attempts, next_attempt_ms, created_at_ms) \
         VALUES ('newsletter', 'a@example.ch', 's', 'b', 'waiting', 0, 0, 0)"
            .to_owned(),
    ];
    for sql in &refused {
        assert!(app.db.write.execute_unprepared(sql).await.is_err(), "accepted: {sql}");
    }
    // The known values still go in.
    let cancel = format!("UPDATE pledges SET state = 'cancelled' WHERE id = {}", pledge["id"]);
    assert!(app.db.write.execute_unprepared(&cancel).await.is_ok());
}
