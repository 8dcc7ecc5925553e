//! Writes varied bills for check_bill.py: OUTDIR/bills.json, each bill's QR code as
//! OUTDIR/qr-NAME.svg and its strip in three languages as OUTDIR/doc-NAME-LANG.svg.
//! Usage: cargo run --example dump_bills OUTDIR

use bobine::domain::qrbill::{Address, Bill, BillLang, Iban, Reference};
use std::{env, fs, path::PathBuf};

struct Case {
    name: &'static str,
    account: &'static str,
    creditor: Address,
    amount_cents: Option<i64>,
    debtor: Option<Address>,
    reference: Option<Reference>,
    message: Option<String>,
}

fn address(name: &str, street: &str, building: &str, postcode: &str, town: &str, country: &str) -> Address {
    let s = |v: &str| v.to_string();
    Address {
        name: s(name),
        street: s(street),
        building: s(building),
        postcode: s(postcode),
        town: s(town),
        country: s(country),
    }
}

/// `unit` repeated and cut to exactly `len` characters, without a space at either end.
fn filled(unit: &str, len: usize) -> String {
    let mut text: String = unit.chars().cycle().take(len).collect();
    while text.ends_with(' ') || text.chars().count() < len {
        text = text.trim_end().to_string();
        text.push('x');
    }
    text
}

fn cases() -> Vec<Case> {
    let long = |country: &str| Address {
        name: filled("Association des amis du très long nom ", 70),
        street: filled("Chemin de la Grande Montée du Vieux Moulin ", 70),
        building: filled("12b ", 16),
        postcode: filled("9490", 16),
        town: filled("Schaan-Vaduz Oberland Unterland ", 35),
        country: country.to_string(),
    };
    vec![
        Case {
            name: "guidelines",
            account: "CH44 3199 9123 0008 8901 2",
            creditor: address("Robert Schneider AG", "Rue du Lac", "1268", "2501", "Biel", "CH"),
            amount_cents: Some(194_975),
            debtor: Some(address(
                "Pia-Maria Rutschmann-Schnyder",
                "Grosse Marktgasse",
                "28",
                "9400",
                "Rorschach",
                "CH",
            )),
            reference: Reference::parse("210000000003139471430009017"),
            message: Some("Order of 15.09.2019".into()),
        },
        Case {
            name: "scor-no-debtor",
            account: "CH58 0079 1123 0008 8901 2",
            creditor: address("Bobine Coopérative", "Avenue de la Gare", "3", "1003", "Lausanne", "CH"),
            amount_cents: Some(5_000),
            debtor: None,
            reference: Some(Reference::scor_for(1234)),
            message: Some("Pledge 1234 <reward \"A\"> & thanks".into()),
        },
        Case {
            name: "accents",
            account: "CH58 0079 1123 0008 8901 2",
            creditor: address("Théâtre de l'Œuvre & Cie", "Rue de la Cité", "1", "1204", "Genève", "CH"),
            amount_cents: Some(12_345_678),
            debtor: Some(address("Jürg Strauß-Kœnig", "Löwenstraße", "11", "8001", "Zürich", "CH")),
            reference: Reference::parse("RF18 5390 0754 7034"),
            message: Some("Spende für die Bühne: 5 € pro Sitz, ſ ș ț Ș Ț, Győr őőőőőőőőőőőőőőőő".into()),
        },
        Case {
            name: "no-amount",
            account: "CH44 3199 9123 0008 8901 2",
            creditor: address("Robert Schneider AG", "", "", "2501", "Biel", "CH"),
            amount_cents: None,
            debtor: None,
            reference: Some(Reference::qrr_for(42)),
            message: None,
        },
        Case {
            name: "max-length",
            account: "CH44 3199 9123 0008 8901 2",
            creditor: long("LI"),
            amount_cents: Some(99_999_999_999),
            debtor: Some(long("DE")),
            reference: Some(Reference::qrr_for(u64::MAX)),
            message: Some(filled(
                "Merci pour votre soutien à la campagne numéro 1234, récompense « Édition limitée » ",
                140,
            )),
        },
        Case {
            name: "liechtenstein-non",
            account: "LI21 0881 0000 2324 013A A",
            creditor: address("Kunstverein Vaduz", "Städtle", "32", "9490", "Vaduz", "LI"),
            amount_cents: Some(1),
            debtor: Some(address("Jean Dupont", "Rue Royale", "7", "74000", "Annecy", "FR")),
            reference: None,
            message: None,
        },
    ]
}

fn json(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out + "\""
}

fn json_opt(text: Option<&str>) -> String {
    text.map_or("null".to_string(), json)
}

fn json_address(address: Option<&Address>) -> String {
    address.map_or("null".to_string(), |a| {
        let fields = [
            ("name", &a.name),
            ("street", &a.street),
            ("building", &a.building),
            ("postcode", &a.postcode),
            ("town", &a.town),
            ("country", &a.country),
        ];
        let inner: Vec<String> = fields.iter().map(|(k, v)| format!("{}: {}", json(k), json(v))).collect();
        format!("{{{}}}", inner.join(", "))
    })
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = PathBuf::from(env::args().nth(1).ok_or("usage: dump_bills OUTDIR")?);
    fs::create_dir_all(&dir)?;
    let mut entries = Vec::new();
    for case in cases() {
        let account = Iban::parse(case.account)?;
        let bill = Bill::new(
            account.clone(),
            case.creditor.clone(),
            case.amount_cents,
            case.debtor.clone(),
            case.reference.clone(),
            case.message.clone(),
        )
        .map_err(|e| format!("{}: {e}", case.name))?;
        let qr_file = format!("qr-{}.svg", case.name);
        fs::write(dir.join(&qr_file), bill.qr_svg())?;
        for (lang, code) in [(BillLang::Fr, "fr"), (BillLang::En, "en"), (BillLang::De, "de")] {
            fs::write(dir.join(format!("doc-{}-{code}.svg", case.name)), bill.document_svg(lang))?;
        }
        let amount = case.amount_cents.map(|c| format!("{}.{:02}", c / 100, c % 100));
        entries.push(format!(
            "  {{\"name\": {}, \"account\": {}, \"creditor\": {}, \"amount\": {}, \"currency\": \"CHF\", \"debtor\": {}, \"reference\": {}, \"message\": {}, \"payload\": {}, \"qr_svg\": {}, \"document_svg\": {}}}",
            json(case.name),
            json(account.compact()),
            json_address(Some(&case.creditor)),
            json_opt(amount.as_deref()),
            json_address(case.debtor.as_ref()),
            json_opt(bill.reference().map(Reference::compact)),
            json_opt(case.message.as_deref()),
            json(&bill.payload()),
            json(&qr_file),
            json(&format!("doc-{}-en.svg", case.name)),
        ));
    }
    fs::write(dir.join("bills.json"), format!("[\n{}\n]\n", entries.join(",\n")))?;
    println!("wrote {} bills to {}", entries.len(), dir.join("bills.json").display());
    Ok(())
}
