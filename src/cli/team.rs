//! `bobine team add | list | remove`: the team's accounts from the command line.

use std::io::{BufRead, IsTerminal};
use std::process::ExitCode;

use clap::Subcommand;

use crate::db::Db;
use crate::domain::Email;
use crate::domain::password::{MIN_LENGTH, Password};
use crate::services::team::{self, TeamError};

/// The subcommands of `bobine team`. Addresses are checked while the arguments are parsed,
/// so a mistyped one stops the command before the database is opened.
#[derive(Debug, Subcommand)]
pub(super) enum TeamCommand {
    /// Add an account; its password comes from the terminal or standard input, or is
    /// generated and printed once when left empty
    Add {
        /// The member's email address, which they log in with
        #[arg(value_parser = Email::parse)]
        email: Email,
    },
    /// List the accounts and when each last logged in
    List,
    /// Remove an account and end its sessions at once
    Remove {
        /// The email address of the account
        #[arg(value_parser = Email::parse)]
        email: Email,
    },
}

/// Runs a `team` subcommand on the configured database.
pub(super) async fn run(command: TeamCommand) -> ExitCode {
    let (settings, db) = match super::open_database().await {
        Ok(opened) => opened,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::FAILURE;
        }
    };
    match command {
        TeamCommand::Add { email } => add(&db, &email, settings.clock.now()).await,
        TeamCommand::List => list(&db).await,
        TeamCommand::Remove { email } => remove(&db, &email).await,
    }
}

async fn add(db: &Db, email: &Email, now: chrono::DateTime<chrono::Utc>) -> ExitCode {
    let (password, generated) = match read_password() {
        Ok(Some(password)) => (password, false),
        Ok(None) => (Password::generate(), true),
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::FAILURE;
        }
    };
    match team::add(db, email, &password, now).await {
        Ok(member) if generated => {
            println!("added {}; its password, shown this once: {}", member.email, password.as_str());
            ExitCode::SUCCESS
        }
        Ok(member) => {
            println!("added {}", member.email);
            ExitCode::SUCCESS
        }
        Err(TeamError::Exists(email)) => {
            eprintln!("{email} already has an account");
            ExitCode::FAILURE
        }
        Err(error) => {
            eprintln!("cannot add the account: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn list(db: &Db) -> ExitCode {
    match team::list(db).await {
        Ok(members) => {
            for member in &members {
                let last = member
                    .last_login
                    .map_or_else(|| "never logged in".to_owned(), |at| format!("last login {}", at.to_rfc3339()));
                println!("{}\t{}", member.email, last);
            }
            if members.is_empty() {
                println!("no team account yet");
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("cannot list the accounts: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn remove(db: &Db, email: &Email) -> ExitCode {
    match team::remove(db, email).await {
        Ok(true) => {
            println!("removed {email}; its sessions have ended");
            ExitCode::SUCCESS
        }
        Ok(false) => {
            eprintln!("{email} has no account");
            ExitCode::FAILURE
        }
        Err(error) => {
            eprintln!("cannot remove the account: {error}");
            ExitCode::FAILURE
        }
    }
}

/// The password typed at the terminal (without echo) or given on standard input; `None`
/// when left empty, to generate one.
fn read_password() -> Result<Option<Password>, String> {
    let text = if std::io::stdin().is_terminal() {
        rpassword::prompt_password(format!("Password (at least {MIN_LENGTH} characters; empty to generate one): "))
            .map_err(|e| format!("cannot read the password: {e}"))?
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line).map_err(|e| format!("cannot read the password: {e}"))?;
        line.trim_end_matches(['\r', '\n']).to_owned()
    };
    if text.is_empty() {
        return Ok(None);
    }
    Password::parse(&text).map(Some).map_err(|e| e.to_string())
}
