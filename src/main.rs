//! The `bobine` binary: serve the campaign, or run a command (`bobine --help` lists them).

use std::process::ExitCode;

#[rocket::main]
async fn main() -> ExitCode {
    // No OpenSSL and no aws-lc here: TLS (PostgreSQL, SMTP) uses ring.
    let _ = rustls::crypto::ring::default_provider().install_default();
    bobine::cli::run(std::env::args_os().collect()).await
}
