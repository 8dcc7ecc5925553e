//! `bobine payments import FILE...`: reconciles the bank's camt.054 or camt.053 files.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::Subcommand;

use super::open_database;
use crate::services::bank_import::{self, ImportError};
use crate::services::letters::Letters;
use crate::services::sync::sync;

#[derive(Debug, Subcommand)]
pub enum PaymentsCommand {
    /// Import bank files (camt.054 or camt.053, .001.04 to .001.08): each credit is matched to
    /// its pledge by its QR reference; what matches none waits at /team/payments. Exits 0 when
    /// every file was read (even with nothing new), 1 when a file was refused
    Import {
        /// The files, as downloaded from the bank's e-banking
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

pub async fn run(command: PaymentsCommand) -> ExitCode {
    let PaymentsCommand::Import { files } = command;
    let (settings, db) = match open_database().await {
        Ok(opened) => opened,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::FAILURE;
        }
    };
    let campaign_id = match sync(&db, &settings.campaign, settings.clock.now()).await {
        Ok(id) => id,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::FAILURE;
        }
    };
    let campaign = Arc::new(settings.campaign.clone());
    let letters = Letters::new(campaign.clone(), settings.mail.public_url.as_deref().unwrap_or_default());
    let mut refused = false;
    for path in files {
        let bytes = match read(&path) {
            Ok(bytes) => bytes,
            Err(message) => {
                eprintln!("{}: {message}", path.display());
                refused = true;
                continue;
            }
        };
        let now = settings.clock.now();
        match bank_import::import(&db, &campaign, campaign_id, &letters, &bytes, None, now).await {
            Ok(report) => {
                let again = if report.seen_before { " (imported before)" } else { "" };
                println!(
                    "{}: {}{again}, {} movements: {} matched to their pledge, {} unmatched (see /team/payments), {} known already; {} pledges now paid",
                    path.display(),
                    report.kind,
                    report.movements,
                    report.matched,
                    report.unmatched,
                    report.known,
                    report.paid
                );
            }
            Err(ImportError::Refused(message)) => {
                eprintln!("{}: refused, nothing imported: {message}", path.display());
                refused = true;
            }
            Err(ImportError::App(error)) => {
                eprintln!("{}: not imported: {error}", path.display());
                refused = true;
            }
        }
    }
    if refused { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

/// Reads a file, refusing at once one larger than any bank file.
fn read(path: &PathBuf) -> Result<Vec<u8>, String> {
    let size = std::fs::metadata(path).map_err(|e| format!("cannot be read: {e}"))?.len();
    if size > crate::domain::camt::MAX_FILE_BYTES as u64 {
        return Err(format!("refused, nothing imported: the file is larger than 64 MiB ({size} bytes)"));
    }
    std::fs::read(path).map_err(|e| format!("cannot be read: {e}"))
}
