//! Logging through `tracing`: one line per request and per pledge.

use tracing_subscriber::EnvFilter;

/// Installs the subscriber. `RUST_LOG` overrides the default, which keeps Rocket's own
/// per-request chatter out and bobine's lines in. Rocket's request lines (`rocket::server`,
/// and `_` for their details) name the path as sent, secrets included, so they stay at
/// `warn` unless `RUST_LOG` asks for them by name.
pub fn init() {
    let asked = std::env::var("RUST_LOG").unwrap_or_default();
    let mut filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,rocket=warn,_=warn,sqlx=warn,sea_orm=warn,hyper=warn"));
    for (target, quiet) in [("_", "_=warn"), ("rocket", "rocket::server=warn")] {
        let named = asked.split(',').any(|directive| directive.trim().starts_with(target));
        if let (false, Ok(quiet)) = (named, quiet.parse()) {
            filter = filter.add_directive(quiet);
        }
    }
    // A second call (tests build several apps) keeps the first subscriber.
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_target(false).try_init();
}
