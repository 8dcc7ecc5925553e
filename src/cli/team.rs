//! `bobine team add | list | remove`: the team's accounts from the command line.

use std::io::{BufRead, IsTerminal};
use std::process::ExitCode;

use crate::domain::Email;
use crate::domain::password::{MIN_LENGTH, Password};
use crate::services::team::{self, TeamError};

/// Runs a `team` subcommand on the configured database.
pub async fn run(args: &[String]) -> ExitCode {
    let (settings, db) = match super::open_database().await {
        Ok(opened) => opened,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::FAILURE;
        }
    };
    let now = settings.clock.now();
    match (args.first().map(String::as_str), args.get(1)) {
        (Some("add"), Some(email)) => {
            let Ok(email) = Email::parse(email) else {
                eprintln!("{email} is not an email address");
                return ExitCode::FAILURE;
            };
            let (password, generated) = match read_password() {
                Ok(Some(password)) => (password, false),
                Ok(None) => (Password::generate(), true),
                Err(message) => {
                    eprintln!("{message}");
                    return ExitCode::FAILURE;
                }
            };
            match team::add(&db, &email, &password, now).await {
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
        (Some("list"), None) => match team::list(&db).await {
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
        },
        (Some("remove"), Some(email)) => {
            let removed = match Email::parse(email) {
                Ok(email) => team::remove(&db, &email).await,
                Err(_) => Ok(false),
            };
            match removed {
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
        _ => {
            eprintln!("usage: bobine team add EMAIL | bobine team list | bobine team remove EMAIL");
            ExitCode::from(2)
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
