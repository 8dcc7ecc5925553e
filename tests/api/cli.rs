//! The `bobine` binary's command line, run as a person would: in a folder of its own, with
//! its data folder in a temporary one.

use std::path::PathBuf;
use std::process::{Command, Output};

/// An empty working folder, and a data folder beside it that nothing has created yet.
struct Folders {
    _root: tempfile::TempDir,
    work: PathBuf,
    data: PathBuf,
}

impl Folders {
    fn new() -> Folders {
        let root = tempfile::tempdir().unwrap();
        let work = root.path().join("work");
        std::fs::create_dir(&work).unwrap();
        let data = root.path().join("data");
        Folders { _root: root, work, data }
    }

    /// Runs `bobine` with these arguments, with no campaign or database configured.
    fn bobine(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_bobine"))
            .args(args)
            .current_dir(&self.work)
            .env("BOBINE_DATA_DIR", &self.data)
            .env_remove("BOBINE_CAMPAIGN")
            .env_remove("DATABASE_URL")
            .output()
            .unwrap()
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn in_a_folder_without_campaign_file_both_the_server_and_check_config_read_the_shipped_one() {
    let folders = Folders::new();
    let shipped = bobine::config::crate_dir().join("campaign.toml");
    let output = folders.bobine(&["check-config"]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(text(&output.stdout).starts_with(&format!("{}: valid:", shipped.display())), "{output:?}");

    // `team list` opens the database the way the server does, campaign file included.
    let output = folders.bobine(&["team", "list"]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert_eq!(text(&output.stdout), "no team account yet\n");
    assert!(folders.data.join("bobine.db").exists());
    assert!(!folders.work.join("data").exists(), "the data folder is the configured one");
}
