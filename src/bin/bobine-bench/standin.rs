//! `bobine-bench stripe-standin`: the tests' stand-in of Stripe as a process of its own, so
//! that the charging measured against it can be killed and started again while the stand-in
//! keeps what it was asked, as Stripe would.

use std::convert::Infallible;
use std::io::Write as _;
use std::path::Path;

use crate::charge::{SavedMethod, SavedMethods};
use crate::stripe_standin::StandIn;

/// Starts the stand-in on `port` of 127.0.0.1 (0: a free one), saves `seed` cards, writes
/// them and the stand-in's address to `out` as JSON, prints `standin_url=URL seeded=N`, then
/// serves until the process is stopped.
pub async fn serve(
    port: u16,
    secret_key: &str,
    webhook_secret: &str,
    seed: usize,
    out: &Path,
) -> Result<Infallible, String> {
    let standin = StandIn::start_on(port, secret_key, webhook_secret).await;
    let methods = standin
        .seed_saved_methods(seed)
        .into_iter()
        .map(|(customer, payment_method)| SavedMethod { customer, payment_method })
        .collect();
    let file = SavedMethods { api_url: standin.url(), methods };
    let json = serde_json::to_string(&file).map_err(|e| e.to_string())?;
    // Whoever waits for the file never reads half of it.
    let partial = out.with_extension("partial");
    std::fs::write(&partial, json).map_err(|e| format!("cannot write {}: {e}", partial.display()))?;
    std::fs::rename(&partial, out).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    let mut stdout = std::io::stdout();
    writeln!(stdout, "standin_url={} seeded={seed}", standin.url()).map_err(|e| e.to_string())?;
    stdout.flush().map_err(|e| e.to_string())?;
    std::future::pending().await
}
