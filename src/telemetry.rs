//! Logging through `tracing`: one line per request and per pledge.

use tracing_subscriber::EnvFilter;

/// Installs the subscriber. `RUST_LOG` overrides the default, which keeps Rocket's own
/// per-request chatter out and bobine's lines in.
pub fn init() {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,rocket=warn,_=warn,sqlx=warn,sea_orm=warn,hyper=warn"));
    // A second call (tests build several apps) keeps the first subscriber.
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_target(false).try_init();
}
