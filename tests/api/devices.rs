//! Device cookies: a browser that has logged in before is not locked out by someone else's
//! wrong passwords, and its own wrong passwords lock out only itself.

use bobine::routes::team::MAX_FAILED_LOGINS;
use bobine::routes::team::device;

use crate::helpers::spawn_app;
use crate::team::{PASSWORD, add_member};

#[tokio::test]
async fn an_attackers_wrong_passwords_do_not_lock_out_the_members_own_browser() {
    let app = spawn_app().await;
    add_member(&app, "anne@example.ch").await;
    let anne = app.browser_from("127.0.0.2");
    assert_eq!(anne.log_in("anne@example.ch", PASSWORD).await.status().as_u16(), 303);
    assert!(anne.cookie("/team/login", device::COOKIE).is_some(), "a device cookie after a login");
    assert_eq!(anne.post_form("/team/logout", &[]).await.status().as_u16(), 303);

    let attacker = app.browser_from("127.0.0.3");
    for _ in 0..MAX_FAILED_LOGINS {
        assert_eq!(attacker.log_in("anne@example.ch", "not-the-password").await.status().as_u16(), 401);
    }
    // The account is locked for browsers it does not know, even with the right password...
    let stranger = app.browser_from("127.0.0.4");
    assert_eq!(stranger.log_in("anne@example.ch", PASSWORD).await.status().as_u16(), 429);
    // ...but not for Anne's own browser.
    assert_eq!(anne.log_in("anne@example.ch", PASSWORD).await.status().as_u16(), 303);
    assert_eq!(anne.get("/team").await.status().as_u16(), 200);
}

#[tokio::test]
async fn wrong_passwords_from_a_known_browser_lock_out_only_that_browser() {
    let app = spawn_app().await;
    add_member(&app, "anne@example.ch").await;
    let stolen = app.browser_from("127.0.0.2");
    assert_eq!(stolen.log_in("anne@example.ch", PASSWORD).await.status().as_u16(), 303);
    assert_eq!(stolen.post_form("/team/logout", &[]).await.status().as_u16(), 303);
    for _ in 0..MAX_FAILED_LOGINS {
        assert_eq!(stolen.log_in("anne@example.ch", "not-the-password").await.status().as_u16(), 401);
    }
    assert_eq!(stolen.log_in("anne@example.ch", PASSWORD).await.status().as_u16(), 429, "this device waits");

    // The failures counted against that device only: the account is open elsewhere.
    let other = app.browser_from("127.0.0.3");
    assert_eq!(other.log_in("anne@example.ch", PASSWORD).await.status().as_u16(), 303);
}

#[tokio::test]
async fn a_device_cookie_vouches_only_for_the_account_that_logged_in_with_it() {
    let app = spawn_app().await;
    add_member(&app, "anne@example.ch").await;
    add_member(&app, "paul@example.ch").await;
    let attacker = app.browser_from("127.0.0.2");
    for _ in 0..MAX_FAILED_LOGINS {
        assert_eq!(attacker.log_in("paul@example.ch", "not-the-password").await.status().as_u16(), 401);
    }
    // Anne's browser knows Anne, not Paul: Paul's lockout holds there.
    let anne = app.browser_from("127.0.0.3");
    assert_eq!(anne.log_in("anne@example.ch", PASSWORD).await.status().as_u16(), 303);
    assert_eq!(anne.log_in("paul@example.ch", PASSWORD).await.status().as_u16(), 429);
}

#[tokio::test]
async fn the_per_address_limit_still_holds_for_a_known_browser() {
    let app = spawn_app().await;
    add_member(&app, "anne@example.ch").await;
    let anne = app.browser_from("127.0.0.2");
    assert_eq!(anne.log_in("anne@example.ch", PASSWORD).await.status().as_u16(), 303);
    // Someone else at the same address guesses at other accounts.
    let neighbour = app.browser_from("127.0.0.2");
    for _ in 0..MAX_FAILED_LOGINS {
        assert_eq!(neighbour.log_in("nobody@example.ch", "not-the-password").await.status().as_u16(), 401);
    }
    assert_eq!(anne.log_in("anne@example.ch", PASSWORD).await.status().as_u16(), 429);
}
