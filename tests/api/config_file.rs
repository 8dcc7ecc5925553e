use std::path::Path;
use std::process::Command;

use bobine::config::{Campaign, crate_dir};
use bobine::services::pledges::PledgeInput;
use bobine::services::pricing::current_minimum;

use crate::helpers::fixture;

/// The fixture with one line replaced, checked as `bad.toml`.
fn check_with(replace: &str, with: &str) -> String {
    let source = std::fs::read_to_string(fixture()).unwrap();
    assert!(source.contains(replace), "{replace}");
    let changed = source.replacen(replace, with, 1);
    Campaign::parse(Path::new("bad.toml"), &changed).unwrap_err().to_string()
}

fn line_of(text: &str) -> usize {
    let source = std::fs::read_to_string(fixture()).unwrap();
    source.lines().position(|l| l.contains(text)).unwrap() + 1
}

#[test]
fn the_shipped_campaign_has_twenty_rewards_of_five_kinds_and_takes_pledges() {
    let campaign = Campaign::load(&crate_dir().join("campaign.toml")).unwrap();
    assert_eq!(campaign.rewards.len(), 20);
    let kinds: std::collections::HashSet<_> = campaign.rewards.iter().map(|r| r.kind).collect();
    assert_eq!(kinds.len(), 5);
    // Not today's date, which would fail this test once the deadline has passed: a month
    // before the deadline, every reward takes a pledge at its current price.
    let a_month_before = campaign.deadline - chrono::Duration::days(30);
    for reward in &campaign.rewards {
        let input = PledgeInput {
            reward: Some(reward.id.to_string()),
            amount: current_minimum(reward, a_month_before).to_string(),
            name: "Anne Dupont".into(),
            email: "anne@example.ch".into(),
            // The first date and the first value of each choice the reward asks for.
            session: reward.sessions.first().map(|session| session.id.clone()),
            choices: reward.choices.iter().map(|c| (c.name.clone(), c.values[0].id.clone())).collect(),
            ..PledgeInput::default()
        };
        assert!(input.validate(&campaign, a_month_before).is_ok(), "a fresh install must take pledges: {}", reward.id);
    }
    // The workshops have dates and seats to share; the scarf and the jacket ask for a choice;
    // the online class is chosen once the campaign succeeded.
    let asks = |id: &str| campaign.reward(id).unwrap();
    for workshop in
        ["atelier-reparation", "atelier-teinture-vegetale", "atelier-upcycling-jean", "atelier-tricot-zero-dechet"]
    {
        let reward = asks(workshop);
        let seats: u32 = reward.sessions.iter().map(|s| s.seats).sum();
        assert_eq!(Some(seats), reward.limit, "{workshop}: its sessions seat exactly its backers");
    }
    assert_eq!(asks("foulard-soie-vegetale").choices[0].values.len(), 3);
    assert_eq!(asks("veste-sur-mesure").choices[0].name, "laine");
    let class = asks("coaching-entretien-textiles");
    assert_eq!(class.choose_session, bobine::config::reward_options::ChooseSession::AfterSuccess);
    assert!(class.sessions.iter().all(|s| s.place == bobine::config::reward_options::Place::Online));
    assert_eq!(campaign.currency, "CHF");
    assert_eq!(campaign.time_zone, chrono_tz::Europe::Zurich);
    let payments = campaign.payments.as_ref().expect("a fresh install takes payments");
    assert!(payments.is_example_account(), "with the standard's example account, to be replaced");
    let history = Campaign::load(&crate_dir().join("examples/geneva-2020.toml")).unwrap();
    assert_eq!(history.rewards.len(), 20);
    assert_eq!(history.deadline.to_rfc3339(), "2020-11-07T22:59:59+00:00");
}

#[test]
fn a_wrong_type_names_the_file_line_and_field() {
    let error = check_with("limit = 5", "limit = \"five\"");
    assert!(error.starts_with(&format!("bad.toml:{}: limit:", line_of("limit = 5"))), "{error}");
}

#[test]
fn a_duplicate_reward_id_is_refused() {
    let error = check_with("id = \"open\"", "id = \"early\"");
    assert!(error.starts_with("bad.toml:"), "{error}");
    assert!(error.contains("rewards[3].id") && error.contains("\"early\" is already the id"), "{error}");
}

#[test]
fn a_minimum_of_zero_is_refused() {
    let error = check_with("minimum = \"10.00\"", "minimum = \"0\"");
    assert_eq!(
        error,
        format!("bad.toml:{}: rewards[0].minimum: the amount must be more than zero", line_of("minimum = \"10.00\""))
    );
}

#[test]
fn a_missing_french_text_is_refused() {
    let error = check_with("title.fr = \"Sans limite\"\n", "");
    assert!(error.contains("rewards[3].title.fr: the French text is missing"), "{error}");
    // Located at the header of the reward that lacks it.
    assert!(error.starts_with(&format!("bad.toml:{}:", line_of("id = \"open\"") - 1)), "{error}");
}

#[test]
fn a_deadline_without_time_zone_is_refused() {
    let error = check_with("deadline = 2030-01-01T00:00:00+01:00", "deadline = 2030-01-01T00:00:00");
    assert_eq!(
        error,
        format!(
            "bad.toml:{}: deadline: has no time zone: add the offset, such as 2027-03-31T23:59:59+02:00",
            line_of("deadline =")
        )
    );
    let error = check_with("deadline = 2030-01-01T00:00:00+01:00", "deadline = 2030-01-01T00:00:00+02:00");
    assert!(error.contains("is not that of Europe/Zurich"), "{error}");
}

#[test]
fn other_mistakes_are_located_too() {
    assert!(check_with("kind = \"object\"", "kind = \"gadget\"").contains("rewards[0].kind"));
    assert!(check_with("fulfilment = \"shipped\"", "fulfilment = \"drone\"").contains("rewards[0].fulfilment"));
    assert!(
        check_with("early_bird = { price = \"90.00\", first = 2 }", "early_bird = { price = \"130.00\", first = 2 }")
            .contains("must be below")
    );
    assert!(check_with("limit = 5", "limit = 0").contains("rewards[0].limit"));
    let designers = check_with("designers = [\"atelier-rose\"]", "designers = [\"Atelier Rose\"]");
    assert!(designers.contains("rewards[3].designers") && designers.contains("slug"), "{designers}");
    assert!(check_with("currency = \"CHF\"", "currency = \"francs\"").contains("currency"));
    assert!(check_with("goal = \"1000.00\"", "goal = 1000.5").contains("goal"));
    assert!(
        check_with("slug = \"test-campaign\"", "slug = \"test-campaign\"\ncolour = \"green\"")
            .contains("unknown field")
    );
}

#[test]
fn check_config_exits_zero_on_a_valid_file_and_one_on_a_broken_one() {
    let ok = Command::new(env!("CARGO_BIN_EXE_bobine")).args(["check-config"]).arg(fixture()).output().unwrap();
    assert!(ok.status.success(), "{ok:?}");
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("campaign.toml");
    std::fs::write(&bad, std::fs::read_to_string(fixture()).unwrap().replace("minimum = \"10.00\"", "minimum = \"0\""))
        .unwrap();
    let broken = Command::new(env!("CARGO_BIN_EXE_bobine")).args(["check-config"]).arg(&bad).output().unwrap();
    assert_eq!(broken.status.code(), Some(1));
    let message = String::from_utf8(broken.stderr).unwrap();
    assert!(message.contains("campaign.toml:") && message.contains("rewards[0].minimum"), "{message}");
}

#[test]
fn check_config_locates_a_deadline_cut_inside_a_letter_instead_of_crashing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("campaign.toml");
    let source = std::fs::read_to_string(fixture()).unwrap();
    let line = line_of("deadline =");
    std::fs::write(&file, source.replace("deadline = 2030-01-01T00:00:00+01:00", "deadline = \"2027-11-07T23:59:5é\""))
        .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_bobine")).arg("check-config").arg(&file).output().unwrap();
    let message = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{message}");
    assert_eq!(
        message.trim_end(),
        format!("{}:{line}: deadline: write a date and time such as 2027-03-31T23:59:59+02:00", file.display())
    );
}

/// The fixture with the payments section of the paying tests, one line of it replaced.
fn payments_with(replace: &str, with: &str) -> Result<Campaign, String> {
    let section = crate::helpers::payments_section("on-success");
    assert!(section.contains(replace), "{replace}");
    let source = std::fs::read_to_string(fixture()).unwrap() + &section.replacen(replace, with, 1);
    Campaign::parse(Path::new("bad.toml"), &source).map_err(|e| e.to_string())
}

#[test]
fn the_payments_section_is_checked_line_by_line() {
    let campaign = payments_with("due_days = 14", "due_days = 14").unwrap();
    let payments = campaign.payments.expect("the section is read");
    assert!(payments.is_example_account(), "the standard's example QR-IBAN is accepted, for the dashboard to warn");
    assert_eq!((payments.due_days, payments.grace_days), (14, 7));
    for (replace, with, expected) in [
        (
            "CH44 3199 9123 0008 8901 2",
            "CH44 3199 9123 0008 8901 3",
            "payments.creditor.iban: the IBAN's check digits are wrong",
        ),
        (
            "CH44 3199 9123 0008 8901 2",
            "DE89 3704 0044 0532 0130 00",
            "payments.creditor.iban: the account must be a Swiss or Liechtenstein IBAN",
        ),
        ("postcode = \"1204\"\n", "", "payments.creditor.postcode: is missing"),
        ("town = \"Genève\"", "town = \"\"", "payments.creditor.town: is empty"),
        ("name = \"Association Mode durable Genève\"", "name = \"Ασσοσιατιον\"", "cannot be printed on a QR-bill"),
        ("collect = \"on-success\"", "collect = \"later\"", "payments.collect: use \"on-success\" or \"at-pledge\""),
        ("due_days = 14", "due_days = 0", "payments.due_days: must be a whole number of days from 1 to 365"),
    ] {
        let error = payments_with(replace, with).unwrap_err();
        assert!(error.starts_with("bad.toml:") && error.contains(expected), "{with}: {error}");
    }
    // Without the section, the campaign runs without payments.
    assert!(Campaign::load(&fixture()).unwrap().payments.is_none());
    // An ordinary IBAN is taken as well, and bills then carry RF references.
    let ordinary = payments_with("CH44 3199 9123 0008 8901 2", "CH58 0079 1123 0008 8901 2").unwrap();
    assert!(!ordinary.payments.unwrap().account.is_qr_iban());
}

#[test]
fn the_ways_to_pay_are_listed_once_each_and_bank_alone_by_default() {
    use bobine::domain::states::PayBy;
    let default = payments_with("due_days = 14", "due_days = 14").unwrap().payments.unwrap();
    assert_eq!(default.methods, [PayBy::Bank]);
    let all = payments_with("due_days = 14", "due_days = 14\nmethods = [\"card\", \"twint\", \"bank\"]").unwrap();
    assert_eq!(all.payments.unwrap().methods, [PayBy::Card, PayBy::Twint, PayBy::Bank]);
    for (with, expected) in [
        ("methods = [\"card\", \"paypal\"]", "payments.methods: each is \"bank\", \"card\" or \"twint\""),
        ("methods = [\"card\", \"card\"]", "payments.methods: card is listed twice"),
        ("methods = []", "payments.methods: lists no way to pay"),
    ] {
        let error = payments_with("due_days = 14", &format!("due_days = 14\n{with}")).unwrap_err();
        assert!(error.starts_with("bad.toml:") && error.contains(expected), "{with}: {error}");
    }
}

#[test]
fn check_config_says_which_ways_to_pay_are_live_and_refuses_cards_without_the_keys() {
    let file = crate::helpers::fixture_with(
        &crate::helpers::payments_section("on-success")
            .replace("due_days = 14", "due_days = 14\nmethods = [\"bank\", \"card\"]"),
    );
    let run = |keys: &[(&str, &str)]| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_bobine"));
        command.arg("check-config").arg(file.path());
        for variable in ["BOBINE_STRIPE_SECRET_KEY", "BOBINE_STRIPE_WEBHOOK_SECRET", "BOBINE_STRIPE_API_URL"] {
            command.env_remove(variable);
        }
        command.envs(keys.iter().copied()).output().unwrap()
    };
    let without = run(&[]);
    assert_eq!(without.status.code(), Some(1), "{without:?}");
    let said = String::from_utf8_lossy(&without.stdout);
    assert!(said.contains("payments: bank (QR-bill to CH44 3199 9123 0008 8901 2), card (not live"), "{said}");
    let refused = String::from_utf8_lossy(&without.stderr);
    assert!(refused.contains("BOBINE_STRIPE_SECRET_KEY: campaign.toml offers card"), "{refused}");

    let with = run(&[("BOBINE_STRIPE_SECRET_KEY", "sk_test_123"), ("BOBINE_STRIPE_WEBHOOK_SECRET", "whsec_123")]);
    assert!(with.status.success(), "{with:?}");
    assert!(String::from_utf8_lossy(&with.stdout).contains("card (Stripe at https://api.stripe.com)"), "{with:?}");

    let half = run(&[("BOBINE_STRIPE_SECRET_KEY", "sk_test_123")]);
    assert_eq!(half.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&half.stderr).contains("BOBINE_STRIPE_WEBHOOK_SECRET: is needed"), "{half:?}");
}

#[test]
fn a_short_name_too_long_for_a_phone_header_is_refused_and_a_missing_one_is_the_title() {
    let error = check_with("short_name.en = \"Trial\"", "short_name.en = \"A test campaign with a name far too long\"");
    assert!(error.starts_with(&format!("bad.toml:{}:", line_of("short_name.en"))), "{error}");
    assert!(error.contains("short_name.en: keep the short name to 32 characters"), "{error}");
    let source = std::fs::read_to_string(fixture())
        .unwrap()
        .replace("short_name.fr = \"Essai\"\nshort_name.en = \"Trial\"\n", "");
    let campaign = Campaign::parse(Path::new("ok.toml"), &source).unwrap();
    assert_eq!(campaign.short_name, campaign.title);
    let campaign = Campaign::load(&fixture()).unwrap();
    assert_eq!((campaign.short_name.fr.as_str(), campaign.short_name.en.as_str()), ("Essai", "Trial"));
}

#[test]
fn every_text_of_the_shipped_campaign_is_in_german_and_a_missing_one_is_french() {
    use bobine::domain::Lang;
    let shipped = Campaign::load(&crate_dir().join("campaign.toml")).unwrap();
    for reward in &shipped.rewards {
        assert_ne!(reward.title.get(Lang::De), reward.title.get(Lang::Fr), "{}", reward.id);
    }
    assert_eq!(shipped.short_name.get(Lang::De), "Genf kleidet sich anders");
    // The fixture has no German: French stands in for it.
    let fixture = Campaign::load(&fixture()).unwrap();
    assert_eq!(fixture.title.get(Lang::De), fixture.title.get(Lang::Fr));
    let error = check_with("title.fr = \"Sans limite\"\n", "title.fr = \"Sans limite\"\ntitle.de = 5\n");
    assert!(error.contains("title.de"), "{error}");
}
