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

    /// Whether a command left anything behind: a data folder, or files where it ran.
    fn untouched(&self) -> bool {
        !self.data.exists() && std::fs::read_dir(&self.work).unwrap().next().is_none()
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn every_command_explains_itself_with_help() {
    let folders = Folders::new();
    for args in [
        &["--help"][..],
        &["help"],
        &["serve", "--help"],
        &["check-config", "--help"],
        &["check", "--help"],
        &["team", "--help"],
        &["team", "add", "--help"],
        &["team", "list", "--help"],
        &["team", "remove", "--help"],
    ] {
        let output = folders.bobine(args);
        assert_eq!(output.status.code(), Some(0), "{args:?}: {output:?}");
        assert!(text(&output.stdout).contains("Usage: bobine"), "{args:?}: {}", text(&output.stdout));
    }
    assert!(folders.untouched(), "help touches nothing");
}

#[test]
fn version_prints_the_version() {
    let output = Folders::new().bobine(&["--version"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(text(&output.stdout).trim(), format!("bobine {}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn check_config_help_does_not_open_a_file() {
    let output = Folders::new().bobine(&["check-config", "--help"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(text(&output.stdout).contains("Usage: bobine check-config [FILE]"), "{output:?}");
    assert!(!text(&output.stderr).contains("cannot be read"), "{output:?}");
}

#[test]
fn bad_arguments_exit_two_before_creating_anything() {
    for args in [
        &["team", "lst"][..],
        &["check-config", "a", "b"],
        &["serv"],
        &["team"],
        &["team", "add"],
        &["team", "add", "anne"],
        &["team", "remove", "anne@"],
        &["team", "list", "everyone"],
        &["check", "--all"],
    ] {
        let folders = Folders::new();
        let output = folders.bobine(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {output:?}");
        assert!(!text(&output.stderr).is_empty(), "{args:?}: a message says what is wrong");
        assert!(folders.untouched(), "{args:?}: no data folder, no database");
    }
    let output = Folders::new().bobine(&["team", "lst"]);
    assert!(text(&output.stderr).contains("unrecognized subcommand 'lst'"), "{output:?}");
    let output = Folders::new().bobine(&["team", "add", "anne"]);
    assert!(text(&output.stderr).contains("this is not an email address"), "{output:?}");
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

#[test]
fn check_config_names_a_file_it_cannot_read() {
    let output = Folders::new().bobine(&["check-config", "missing.toml"]);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert!(text(&output.stderr).starts_with("missing.toml: (file): cannot be read"), "{output:?}");
}

#[test]
fn a_wrong_trusted_proxy_or_rate_limit_stops_the_start_with_the_setting_named() {
    for (variable, value, expected) in [
        ("BOBINE_TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/33", "BOBINE_TRUSTED_PROXIES: \"10.0.0.0/33\" is neither"),
        ("BOBINE_TRUSTED_PROXIES", "proxy.example.ch", "BOBINE_TRUSTED_PROXIES: \"proxy.example.ch\""),
        ("BOBINE_RATE_LIMITS", "sometimes", "BOBINE_RATE_LIMITS: is on (the default) or off"),
        ("BOBINE_RATE_LIMIT_PLEDGES", "30 a minute", "BOBINE_RATE_LIMIT_PLEDGES: \"30 a minute\" is not a rate"),
    ] {
        let folders = Folders::new();
        let output = Command::new(env!("CARGO_BIN_EXE_bobine"))
            .arg("serve")
            .current_dir(&folders.work)
            .env("BOBINE_DATA_DIR", &folders.data)
            .env("ROCKET_PORT", "0")
            .env(variable, value)
            .env_remove("BOBINE_CAMPAIGN")
            .env_remove("DATABASE_URL")
            .output()
            .unwrap();
        assert!(!output.status.success(), "{variable}={value} started");
        let stderr = text(&output.stderr);
        assert!(stderr.contains(expected), "{variable}={value}: {stderr}");
        assert!(folders.untouched(), "nothing created before the mistake is found");
    }
}

#[test]
fn payments_import_reads_bank_files_again_without_adding_and_refuses_what_is_not_one() {
    use bobine::domain::camt::{SampleCredit, write_camt054};
    let folders = Folders::new();
    let credit = SampleCredit {
        bank_ref: "CLI-1".into(),
        amount_cents: 5_000,
        reference: Some("RF18539007547034".into()),
        debtor_name: Some("Jeanne Exemple".into()),
        debtor_iban: None,
        booked_on: chrono::NaiveDate::from_ymd_opt(2027, 11, 20).unwrap(),
        reversal: false,
    };
    let file = folders._root.path().join("camt054.xml");
    std::fs::write(&file, write_camt054(8, "CH4431999123000889012", "MSG-CLI", &[credit], 1)).unwrap();
    let file = file.to_str().unwrap();
    // A credit no pledge's reference matches is listed for the team: the file is read.
    let output = folders.bobine(&["payments", "import", file]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(text(&output.stdout).contains("1 unmatched"), "{output:?}");
    let output = folders.bobine(&["payments", "import", file]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(text(&output.stdout).contains("(imported before)") && text(&output.stdout).contains("1 known already"));

    let junk = folders._root.path().join("junk.xml");
    std::fs::write(&junk, "<!DOCTYPE x [<!ENTITY a \"b\">]><Document>&a;</Document>").unwrap();
    let output = folders.bobine(&["payments", "import", junk.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert!(text(&output.stderr).contains("refused, nothing imported"), "{output:?}");
}

/// What a start that should be refused printed; a server that starts anyway is stopped after
/// 30 seconds, so that the test fails rather than waits for ever.
fn refused_start(command: &mut Command) -> Output {
    use std::process::Stdio;
    let mut child = command.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    for _ in 0..300 {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    child.kill().unwrap();
    let output = child.wait_with_output().unwrap();
    panic!("the server started: {}", text(&output.stderr));
}

#[test]
fn smtp_without_a_public_address_stops_the_start_saying_what_to_set() {
    for (public_url, expected) in [
        (None, "environment: BOBINE_PUBLIC_URL: set the address people reach the site at, such as https://"),
        (
            Some("soutenir.example.ch"),
            "BOBINE_PUBLIC_URL: \"soutenir.example.ch\" is not an absolute http:// or https://",
        ),
    ] {
        let folders = Folders::new();
        let mut command = Command::new(env!("CARGO_BIN_EXE_bobine"));
        command
            .arg("serve")
            .current_dir(&folders.work)
            .env("BOBINE_DATA_DIR", &folders.data)
            .env("ROCKET_PORT", "0")
            .env("BOBINE_SMTP_URL", "smtp://127.0.0.1:25")
            .env("BOBINE_MAIL_FROM", "Bobine <bonjour@example.ch>")
            .env_remove("BOBINE_PUBLIC_URL")
            .env_remove("BOBINE_CAMPAIGN")
            .env_remove("DATABASE_URL");
        if let Some(url) = public_url {
            command.env("BOBINE_PUBLIC_URL", url);
        }
        let output = refused_start(&mut command);
        assert!(!output.status.success(), "{public_url:?} started");
        let stderr = text(&output.stderr);
        assert!(stderr.contains(expected), "{public_url:?}: {stderr}");
        assert!(folders.untouched(), "nothing created before the mistake is found");
    }
}
