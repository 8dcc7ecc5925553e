//! Whatever a browser, or anything that pretends to be one, posts to the public forms (the
//! pledge, the offer of help, the designer's registration, the team's login), the answer is
//! never a server error, and a refused form stores nothing.
//!
//! One server per property, not per case: a few dozen requests each keep the suite fast.

use entity::{designer, designer_photo, email, offer, team_session};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use sea_orm::{EntityTrait, PaginatorTrait};

use crate::helpers::{TestApp, spawn_app};

const CASES: u32 = 48;

/// A form of the site, with the fields it knows.
#[derive(Debug, Clone, Copy)]
enum PublicForm {
    Pledge,
    Offer,
    Designer,
    Login,
}

impl PublicForm {
    fn path(self) -> &'static str {
        match self {
            PublicForm::Pledge => "/pledge",
            PublicForm::Offer => "/help",
            PublicForm::Designer => "/designers/register",
            PublicForm::Login => "/team/login",
        }
    }

    /// The fields the form has, and one it has not.
    fn fields(self) -> &'static [&'static str] {
        match self {
            PublicForm::Pledge => &[
                "reward",
                "amount",
                "name",
                "email",
                "display_name",
                "anonymous",
                "form_key",
                "source_tag",
                "from",
                "unknown",
            ],
            PublicForm::Offer => {
                &["kind", "description", "availability", "name", "email", "phone", "form_key", "unknown"]
            }
            PublicForm::Designer => &[
                "name",
                "brand",
                "email",
                "bio",
                "website",
                "links",
                "practices",
                "practices_other",
                "area",
                "consent",
                "form_key",
                "photo",
                "unknown",
            ],
            PublicForm::Login => &["email", "password", "next", "unknown"],
        }
    }

    /// What the form stores: its own rows, its photos, and the emails it queues.
    async fn stored(self, app: &TestApp) -> (u64, u64, u64) {
        let db = &app.db.read;
        let rows = match self {
            PublicForm::Pledge => app.stored_pledges().await,
            PublicForm::Offer => offer::Entity::find().count(db).await.unwrap(),
            PublicForm::Designer => designer::Entity::find().count(db).await.unwrap(),
            PublicForm::Login => team_session::Entity::find().count(db).await.unwrap(),
        };
        let photos = designer_photo::Entity::find().count(db).await.unwrap();
        (rows, photos, email::Entity::find().count(db).await.unwrap())
    }

    /// A form that the site accepts as it is.
    fn valid(self) -> &'static [(&'static str, &'static str)] {
        match self {
            PublicForm::Pledge => {
                &[("reward", "open"), ("amount", "50"), ("name", "Anne Dupont"), ("email", "anne@example.ch")]
            }
            PublicForm::Offer => &[
                ("kind", "time"),
                ("description", "Deux soirs par semaine."),
                ("name", "Léa"),
                ("email", "lea@example.ch"),
            ],
            PublicForm::Designer => &[
                ("name", "Rose Favre"),
                ("brand", "Atelier Rose"),
                ("email", "rose@example.ch"),
                ("bio", "Foulards en soie de récupération."),
                ("practices", "upcycling"),
                ("area", "carouge"),
                ("consent", "true"),
            ],
            PublicForm::Login => {
                &[("email", "member@example.ch"), ("password", crate::team::PASSWORD), ("next", "/team")]
            }
        }
    }
}

/// Values that get past some checks and not others, for the forms to go deep.
const PLAUSIBLE: &[&str] = &[
    "",
    " ",
    "open",
    "dated",
    "none",
    "50",
    "50.00",
    "20,5",
    "0",
    "-5",
    "1e3",
    "99999999999999999999999",
    "Anne Dupont",
    "anne@example.ch",
    "member@example.ch",
    "true",
    "false",
    "on",
    "yes",
    "venue",
    "sewing",
    "upcycling",
    "carouge",
    "https://atelier.example.ch",
    "javascript:alert(1)",
    "/team",
    "//evil.example/team",
    "0123456789abcdef0123456789abcdef",
    "<script>alert(1)</script>",
    "Ça coûte 50 CHF, n'est-ce pas ?",
];

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => any::<String>(),
        4 => prop::sample::select(PLAUSIBLE).prop_map(str::to_owned),
        2 => "[ -~]{0,40}",
        1 => (1..1_000usize, any::<char>()).prop_map(|(n, c)| c.to_string().repeat(n)),
    ]
}

/// A field larger than a form may be (32 KiB), now and then.
fn huge() -> impl Strategy<Value = Option<String>> {
    prop_oneof![7 => Just(None), 1 => (30_000..40_000usize).prop_map(|n| Some("x".repeat(n)))]
}

/// Fields by name, repeated or not, known or not: anything, or a form the site accepts with a
/// few fields changed, dropped or sent again.
fn fields(form: PublicForm) -> impl Strategy<Value = Vec<(String, String)>> {
    let name = || prop::sample::select(form.fields()).prop_map(str::to_owned);
    let anything = prop::collection::vec((name(), value()), 0..12);
    let valid = move || form.valid().iter().map(|(n, v)| (n.to_string(), v.to_string())).collect::<Vec<_>>();
    let spoiled = (prop::collection::vec((name(), value(), 0..3u8), 0..3)).prop_map(move |edits| {
        let mut fields = valid();
        for (name, value, how) in edits {
            match (how, fields.iter().position(|(n, _)| *n == name)) {
                (0, Some(at)) => fields[at].1 = value,
                (1, Some(at)) => drop(fields.remove(at)),
                _ => fields.push((name, value)),
            }
        }
        fields
    });
    (prop_oneof![anything, spoiled], huge(), name()).prop_map(|(mut fields, huge, name)| {
        if let Some(huge) = huge {
            fields.push((name, huge));
        }
        fields
    })
}

/// The form token a form carries: the visitor's, none, or one made up.
#[derive(Debug, Clone)]
enum Token {
    Valid,
    Missing,
    Other(String),
}

fn token() -> impl Strategy<Value = Token> {
    prop_oneof![6 => Just(Token::Valid), 1 => Just(Token::Missing), 1 => "[A-Za-z0-9_-]{0,50}".prop_map(Token::Other)]
}

/// A piece of a urlencoded body: a field encoded as a browser would, or what no browser sends.
#[derive(Debug, Clone)]
enum Piece {
    Field(String, String),
    Token,
    Bytes(Vec<u8>),
    Text(&'static str),
}

fn piece(form: PublicForm) -> impl Strategy<Value = Piece> {
    let name = prop::sample::select(form.fields()).prop_map(str::to_owned);
    prop_oneof![
        4 => (name, value()).prop_map(|(n, v)| Piece::Field(n, v)),
        1 => Just(Piece::Token),
        2 => prop::collection::vec(any::<u8>(), 0..64).prop_map(Piece::Bytes),
        3 => prop::sample::select(&[
            "%", "%z", "%zz", "%C3", "%C3%28", "%ff%fe", "%00", "%E9t%E9", "&", "=", "==", "&&", "+", "csrf",
            "csrf=", "amount=50", "anonymous=maybe", "anonymous=", "anonymous", "consent=1", "email=%40", "\0",
            "email=anne%40example.ch", "password=%ZZ", "name=Anne%20Dupont", "reward=open",
        ][..]).prop_map(Piece::Text),
    ]
}

fn encoded(fields: &[(String, String)], token: &Token, csrf: &str) -> Vec<u8> {
    let mut body = url::form_urlencoded::Serializer::new(String::new());
    match token {
        Token::Valid => body.append_pair("csrf", csrf),
        Token::Missing => &mut body,
        Token::Other(made_up) => body.append_pair("csrf", made_up),
    };
    for (name, value) in fields {
        body.append_pair(name, value);
    }
    body.finish().into_bytes()
}

fn raw(pieces: &[Piece], csrf: &str) -> Vec<u8> {
    let mut body = Vec::new();
    for piece in pieces {
        match piece {
            Piece::Field(name, value) => {
                let pair = url::form_urlencoded::Serializer::new(String::new()).append_pair(name, value).finish();
                body.extend_from_slice(pair.as_bytes());
                body.push(b'&');
            }
            Piece::Token => body.extend_from_slice(format!("csrf={csrf}&").as_bytes()),
            Piece::Bytes(bytes) => body.extend_from_slice(bytes),
            Piece::Text(text) => body.extend_from_slice(text.as_bytes()),
        }
    }
    body
}

/// Posts `body` to `form` and checks the answer: never a server error; a refusal stores
/// nothing, and an acceptance one thing (and its photo) at most.
async fn posted(app: &TestApp, form: PublicForm, content_type: &str, body: Vec<u8>) -> Result<(), TestCaseError> {
    let before = form.stored(app).await;
    let response = app
        .client
        .post(app.url(form.path()))
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .map_err(|e| TestCaseError::fail(format!("{} did not answer: {e}", form.path())))?;
    let status = response.status().as_u16();
    let page = response.text().await.unwrap_or_default();
    prop_assert!(status < 500, "{} answered {}: {}", form.path(), status, page);
    let after = form.stored(app).await;
    if status == 303 {
        prop_assert!(after.0 <= before.0 + 1 && after.1 <= before.1 + 1, "{:?} then {:?}", before, after);
    } else {
        prop_assert_eq!(after, before, "{} refused with {} yet stored something", form.path(), status);
    }
    Ok(())
}

/// Posts the body `property` makes (with its content type) of each of `CASES` values of `strategy` (given the visitor's form
/// token) to one server, with a team member to log in as.
fn check<S: Strategy>(form: PublicForm, strategy: S, property: impl Fn(&str, S::Value) -> (String, Vec<u8>)) {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let (app, csrf) = runtime.block_on(async {
        let app = spawn_app().await;
        crate::team::add_member(&app, "member@example.ch").await;
        let csrf = app.csrf_token().await;
        (app, csrf)
    });
    let mut config = Config::with_cases(CASES);
    // The panic prints the smallest failing input; a file of regressions needs the source
    // path that only the `proptest!` macro knows.
    config.failure_persistence = None;
    let mut runner = TestRunner::new(config);
    let outcome = runner.run(&strategy, |value| {
        runtime.block_on(async {
            let (content_type, body) = property(&csrf, value);
            posted(&app, form, &content_type, body).await
        })
    });
    runtime.block_on(async {
        app.assert_counters_match_pledges().await;
        drop(app);
    });
    if let Err(error) = outcome {
        panic!("{form:?}: {error}");
    }
}

const URLENCODED: &str = "application/x-www-form-urlencoded";

fn urlencoded_fields(form: PublicForm) {
    check(form, (fields(form), token()), |csrf, (fields, token)| {
        (URLENCODED.to_owned(), encoded(&fields, &token, csrf))
    });
}

fn urlencoded_bytes(form: PublicForm) {
    check(form, prop::collection::vec(piece(form), 0..16), |csrf, pieces| (URLENCODED.to_owned(), raw(&pieces, csrf)));
}

#[test]
fn any_pledge_form_is_answered_without_a_server_error() {
    urlencoded_fields(PublicForm::Pledge);
}

#[test]
fn any_pledge_body_is_answered_without_a_server_error() {
    urlencoded_bytes(PublicForm::Pledge);
}

#[test]
fn any_offer_form_is_answered_without_a_server_error() {
    urlencoded_fields(PublicForm::Offer);
}

#[test]
fn any_offer_body_is_answered_without_a_server_error() {
    urlencoded_bytes(PublicForm::Offer);
}

#[test]
fn any_login_form_is_answered_without_a_server_error() {
    urlencoded_fields(PublicForm::Login);
}

#[test]
fn any_login_body_is_answered_without_a_server_error() {
    urlencoded_bytes(PublicForm::Login);
}

/// A designer's form as multipart, with a photo or not.
#[derive(Debug, Clone)]
enum Photo {
    None,
    Bytes(Vec<u8>),
    /// The first bytes of a real photo, as an upload cut off would leave it.
    Cut(usize),
    Whole,
}

fn photo() -> impl Strategy<Value = Photo> {
    prop_oneof![
        3 => Just(Photo::None),
        2 => prop::collection::vec(any::<u8>(), 0..2_000).prop_map(Photo::Bytes),
        2 => any::<usize>().prop_map(Photo::Cut),
        1 => Just(Photo::Whole),
    ]
}

/// A text field's content: text, or bytes that need not be UTF-8.
fn part_value() -> impl Strategy<Value = Result<String, Vec<u8>>> {
    prop_oneof![4 => value().prop_map(Ok), 1 => prop::collection::vec(any::<u8>(), 0..40).prop_map(Err)]
}

fn multipart(
    fields: &[(String, Result<String, Vec<u8>>)],
    token: &Token,
    csrf: &str,
    photo: &Photo,
    mime: &str,
    real_photo: &[u8],
) -> (String, Vec<u8>) {
    let boundary = "bobine-property-boundary";
    let mut body = Vec::new();
    let mut part = |name: &str, file: Option<&str>, bytes: &[u8]| {
        body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"").as_bytes());
        if let Some(file) = file {
            body.extend_from_slice(format!("; filename=\"{file}\"\r\nContent-Type: {mime}").as_bytes());
        }
        body.extend_from_slice(b"\r\n\r\n");
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    };
    match token {
        Token::Valid => part("csrf", None, csrf.as_bytes()),
        Token::Missing => {}
        Token::Other(made_up) => part("csrf", None, made_up.as_bytes()),
    }
    for (name, value) in fields {
        let bytes = match value {
            Ok(text) => text.as_bytes(),
            Err(bytes) => bytes.as_slice(),
        };
        // Header values cannot hold a quote or a line break: a browser escapes them.
        part(&name.replace(['"', '\r', '\n'], "_"), None, bytes);
    }
    match photo {
        Photo::None => {}
        Photo::Bytes(bytes) => part("photo", Some("photo.jpg"), bytes),
        Photo::Cut(at) => part("photo", Some("IMG_2041.JPG"), &real_photo[..at % real_photo.len()]),
        Photo::Whole => part("photo", Some("IMG_2041.JPG"), real_photo),
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

#[test]
fn any_designer_form_is_answered_without_a_server_error() {
    let form = PublicForm::Designer;
    let real_photo = crate::designers::phone_photo();
    let name = prop::sample::select(form.fields()).prop_map(str::to_owned);
    let as_text = |fields: Vec<(String, String)>| fields.into_iter().map(|(n, v)| (n, Ok(v))).collect::<Vec<_>>();
    let fields = prop_oneof![fields(form).prop_map(as_text), prop::collection::vec((name, part_value()), 0..16)];
    let mime = prop::sample::select(&["image/jpeg", "image/png", "text/plain", "application/octet-stream", ""][..]);
    check(form, (fields, token(), photo(), mime), |csrf, (fields, token, photo, mime)| {
        multipart(&fields, &token, csrf, &photo, mime, &real_photo)
    });
}

/// Multipart bodies broken as no browser breaks them: boundaries that do not match, parts cut
/// off, headers missing, bytes anywhere.
#[test]
fn any_designer_body_is_answered_without_a_server_error() {
    let form = PublicForm::Designer;
    let piece = prop_oneof![
        3 => prop::sample::select(&[
            "--B\r\n", "--B--\r\n", "--B", "\r\n", "\r\n\r\n", "--",
            "Content-Disposition: form-data; name=\"brand\"\r\n\r\n",
            "Content-Disposition: form-data; name=\"photo\"; filename=\"a.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n",
            "Content-Disposition: form-data; name=\"csrf\"\r\n\r\n",
            "Content-Disposition: form-data\r\n\r\n",
            "Content-Disposition: attachment; name=\"\"\r\n\r\n",
            "Content-Type: text/plain; charset=latin1\r\n",
            "Atelier Rose", "\u{FEFF}", "%C3", "\0",
        ][..]).prop_map(|text| text.as_bytes().to_vec()),
        1 => Just(b"CSRF".to_vec()),
        2 => prop::collection::vec(any::<u8>(), 0..64),
    ];
    let boundary = prop::sample::select(&["B", "other", "", "\"B\""][..]);
    check(form, (prop::collection::vec(piece, 0..20), boundary), |csrf, (pieces, boundary)| {
        let mut body = Vec::new();
        for piece in pieces {
            if piece == b"CSRF" {
                body.extend_from_slice(csrf.as_bytes());
            } else {
                body.extend_from_slice(&piece);
            }
        }
        (format!("multipart/form-data; boundary={boundary}"), body)
    });
}
