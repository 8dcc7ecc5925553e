//! The campaign's pictures and video: named in campaign.toml, checked at start with their
//! line, served in widths under addresses that change with the content, the cover first and
//! the rest lazily, a hosted video loaded only when played, a video file served in ranges.

use std::path::Path;

use bobine::config::Campaign;

use crate::designers::phone_photo;
use crate::helpers::{before_deadline, fixture, fixture_with, spawn_app, spawn_app_with};

/// Every `<img …>` tag of a page.
fn img_tags(html: &str) -> Vec<&str> {
    html.match_indices("<img ").map(|(at, _)| &html[at..at + html[at..].find('>').unwrap() + 1]).collect()
}

fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(&tag[start..start + tag[start..].find('"')?])
}

#[tokio::test]
async fn media_the_cover_comes_first_in_every_width_and_the_other_pictures_lazily() {
    let app = spawn_app().await;
    let html = app.get("/?lang=fr").await.text().await.unwrap();
    let tags = img_tags(&html);
    let cover = tags[0];
    assert_eq!(attribute(cover, "alt"), Some("Une étoffe tissée"), "{cover}");
    assert_eq!(attribute(cover, "fetchpriority"), Some("high"), "{cover}");
    assert_eq!(attribute(cover, "loading"), None, "the cover is not lazy: {cover}");
    assert_eq!((attribute(cover, "width"), attribute(cover, "height")), (Some("1600"), Some("900")));
    let srcset = attribute(cover, "srcset").unwrap();
    let widths: Vec<&str> = srcset.split(", ").map(|c| c.rsplit(' ').next().unwrap()).collect();
    assert_eq!(widths, ["480w", "800w", "1200w", "1600w"], "{srcset}");
    assert!(html.find("cover").unwrap() < html.find("<h1").unwrap(), "the cover, then the title");

    // Every width is a JPEG of that width, kept a year under an address made of its content.
    for candidate in srcset.split(", ") {
        let (address, width) = candidate.split_once(' ').unwrap();
        let response = app.get(address).await;
        assert_eq!(response.status(), 200, "{address}");
        assert_eq!(response.headers()["content-type"], "image/jpeg");
        assert_eq!(response.headers()["cache-control"], "public, max-age=31536000, immutable");
        let picture = image::load_from_memory(&response.bytes().await.unwrap()).unwrap();
        assert_eq!(format!("{}w", picture.width()), width);
    }

    let reward = tags.iter().find(|t| t.contains("reward-image")).expect("the reward's picture");
    assert_eq!(attribute(reward, "loading"), Some("lazy"), "{reward}");
    assert_eq!(attribute(reward, "alt"), Some(""), "the reward's title is beside it: {reward}");
    assert_eq!((attribute(reward, "width"), attribute(reward, "height")), (Some("800"), Some("600")));
    let gallery = tags.iter().find(|t| attribute(t, "alt") == Some("Un atelier")).expect("the gallery's picture");
    assert_eq!(attribute(gallery, "loading"), Some("lazy"));

    for missing in ["/media/0123456789abcdef0123.jpg", "/media/..%2Fcampaign.toml", "/media/cover.jpg"] {
        assert_eq!(app.get(missing).await.status(), 404, "{missing}");
    }
}

#[tokio::test]
async fn media_the_campaign_page_puts_the_button_before_the_story_and_groups_rewards_by_kind() {
    let app = spawn_app().await;
    let html = app.get("/?lang=fr").await.text().await.unwrap();
    let button = html.find("class=\"button primary\"").unwrap();
    let story = html.find("id=\"story-title\"").unwrap();
    let rewards = html.find("id=\"rewards-title\"").unwrap();
    assert!(button < rewards && rewards < story, "the funding box's button, the rewards, then the story");
    // The fixture's rewards are all objects but one workshop, in that order.
    let objects = html.find("Objets").expect("the objects' heading");
    let workshops = html.find("Ateliers").expect("the workshops' heading");
    assert!(objects < workshops);
}

#[tokio::test]
async fn media_a_phone_photo_is_served_upright_and_without_what_the_phone_wrote() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("phone.jpg"), phone_photo()).unwrap();
    let source =
        std::fs::read_to_string(fixture()).unwrap().replacen("file = \"media/cover.jpg\"", "file = \"phone.jpg\"", 1);
    let file = dir.path().join("campaign.toml");
    std::fs::write(&file, source).unwrap();
    let app = spawn_app_with(&file, before_deadline()).await;
    let html = app.get("/").await.text().await.unwrap();
    let cover = img_tags(&html)[0];
    // Stored 400 × 200 and marked "turn a quarter": shown 200 × 400.
    assert_eq!((attribute(cover, "width"), attribute(cover, "height")), (Some("200"), Some("400")), "{cover}");
    let bytes = app.get(attribute(cover, "src").unwrap()).await.bytes().await.unwrap();
    assert!(!bytes.windows(4).any(|w| w == b"Exif"), "no EXIF left");
    assert!(!bytes.windows(6).any(|w| w == b"PHONE-"), "nor the camera's words");
}

/// The fixture with `[cover]`'s file named `with`, checked as `campaign.toml` in `dir`.
fn cover_error(dir: &Path, with: &str) -> String {
    let source = std::fs::read_to_string(fixture()).unwrap().replacen("media/cover.jpg", with, 1);
    match Campaign::parse(&dir.join("campaign.toml"), &source) {
        Ok(_) => panic!("{with} was taken as a cover"),
        Err(error) => error.to_string(),
    }
}

fn line_of(text: &str) -> usize {
    std::fs::read_to_string(fixture()).unwrap().lines().position(|l| l.contains(text)).unwrap() + 1
}

#[test]
fn media_a_picture_that_cannot_be_shown_stops_the_start_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let at = format!("{}:{}: cover: ", dir.path().join("campaign.toml").display(), line_of("media/cover.jpg"));
    std::fs::write(dir.path().join("notes.jpg"), "a text file named like a photo").unwrap();
    let mut cut = phone_photo();
    cut.truncate(cut.len() / 2);
    std::fs::write(dir.path().join("cut.jpg"), cut).unwrap();
    let mut bomb = Vec::new();
    image::GrayImage::new(8_000, 7_000)
        .write_to(&mut std::io::Cursor::new(&mut bomb), image::ImageFormat::Png)
        .unwrap();
    std::fs::write(dir.path().join("huge.png"), bomb).unwrap();

    assert_eq!(
        cover_error(dir.path(), "media/lost.jpg"),
        format!("{at}media/lost.jpg is neither beside the campaign file nor in the working directory")
    );
    assert_eq!(cover_error(dir.path(), "notes.jpg"), format!("{at}notes.jpg is not a JPEG, PNG or WebP picture"));
    assert_eq!(cover_error(dir.path(), "cut.jpg"), format!("{at}cut.jpg is damaged or cannot be decoded"));
    assert_eq!(
        cover_error(dir.path(), "huge.png"),
        format!("{at}huge.png has more than 50 megapixels: make it smaller")
    );

    let source = std::fs::read_to_string(fixture()).unwrap();
    let without_alt = source.replacen("alt.fr = \"Une étoffe tissée\"\nalt.en = \"A woven cloth\"\n", "", 1);
    let error = Campaign::parse(Path::new("bad.toml"), &without_alt).unwrap_err().to_string();
    assert!(
        error.starts_with(&format!("bad.toml:{}: cover.alt: say in a sentence", line_of("media/cover.jpg"))),
        "{error}"
    );
}

#[test]
fn media_a_video_is_a_youtube_or_vimeo_address_or_a_file_never_both() {
    let check = |video: &str| {
        let source = std::fs::read_to_string(fixture()).unwrap() + video;
        Campaign::parse(Path::new("bad.toml"), &source).map(|c| c.video.unwrap().source)
    };
    let poster = "poster = \"media/video-poster.jpg\"\ntitle.fr = \"Le film\"\n";
    let youtube = check(&format!("\n[video]\nurl = \"https://youtu.be/dQw4w9WgXcQ\"\n{poster}")).unwrap();
    assert_eq!(youtube, bobine::config::media::VideoSource::YouTube("dQw4w9WgXcQ".into()));
    let error = check(&format!("\n[video]\nurl = \"https://example.com/film\"\n{poster}")).unwrap_err().to_string();
    assert!(error.contains(": video.url: give the address of a YouTube or Vimeo video"), "{error}");
    let error =
        check(&format!("\n[video]\nurl = \"https://youtu.be/dQw4w9WgXcQ\"\nfile = \"media/cover.jpg\"\n{poster}"))
            .unwrap_err()
            .to_string();
    assert!(error.contains(": video: give either `url`"), "{error}");
    let error = check(&format!("\n[video]\nfile = \"media/cover.jpg\"\n{poster}")).unwrap_err().to_string();
    assert!(error.contains(": video.file: media/cover.jpg is not an MP4 or WebM video"), "{error}");
}

#[tokio::test]
async fn media_a_youtube_video_reaches_youtube_only_once_played() {
    let file = fixture_with(
        "\n[video]\nurl = \"https://www.youtube.com/watch?v=dQw4w9WgXcQ\"\nposter = \"media/video-poster.jpg\"\n\
         title.fr = \"La campagne en deux minutes\"\ntitle.en = \"The campaign in two minutes\"\n",
    );
    let app = spawn_app_with(file.path(), before_deadline()).await;
    let response = app.get("/?lang=fr").await;
    let policy = response.headers()["content-security-policy"].to_str().unwrap().to_owned();
    // As a browser reads the attributes.
    let html = response.text().await.unwrap().replace("&#x3D;", "=");
    assert!(html.contains("href=\"https://www.youtube.com/watch?v=dQw4w9WgXcQ\""), "a link without JavaScript");
    assert!(html.contains("data-player=\"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&amp;rel=0\""));
    assert!(html.contains("Lire la vidéo « La campagne en deux minutes » (YouTube)"));
    // Nothing the browser fetches on its own comes from another site.
    assert!(!html.contains("<iframe"), "no player before a press");
    for attribute in ["src=\"http", "srcset=\"http", "poster=\"http"] {
        assert!(!html.contains(attribute), "{attribute}");
    }
    assert!(policy.contains("frame-src 'self' https://www.youtube-nocookie.com"), "{policy}");
    // Without a video, pages may frame nothing.
    let plain = spawn_app().await.get("/").await;
    assert!(!plain.headers()["content-security-policy"].to_str().unwrap().contains("frame-src"));
}

#[tokio::test]
async fn media_a_video_file_is_played_from_here_in_ranges() {
    let dir = tempfile::tempdir().unwrap();
    // An MP4's first box, then enough bytes to ask for parts of them.
    let mut film = b"\0\0\0\x18ftypmp42\0\0\0\0mp42isom".to_vec();
    film.extend((0..300_000u32).map(|i| (i % 251) as u8));
    std::fs::write(dir.path().join("film.mp4"), &film).unwrap();
    let source = std::fs::read_to_string(fixture()).unwrap()
        + "\n[video]\nfile = \"film.mp4\"\nposter = \"media/video-poster.jpg\"\ntitle.fr = \"Le film\"\n";
    let file = dir.path().join("campaign.toml");
    std::fs::write(&file, source).unwrap();
    let app = spawn_app_with(&file, before_deadline()).await;
    let html = app.get("/").await.text().await.unwrap();
    assert!(html.contains("<video controls preload=\"none\""), "nothing fetched before it is played");
    let start = html.find("<source src=\"").unwrap() + 13;
    let address = &html[start..start + html[start..].find('"').unwrap()];
    assert!(address.starts_with("/media/") && address.ends_with(".mp4"), "{address}");

    let whole = app.get(address).await;
    assert_eq!(whole.status(), 200);
    assert_eq!(whole.headers()["content-type"], "video/mp4");
    assert_eq!(whole.headers()["accept-ranges"], "bytes");
    assert_eq!(whole.bytes().await.unwrap().as_ref(), film.as_slice());

    let ranged = |range: &'static str| app.client.get(app.url(address)).header("Range", range).send();
    let part = ranged("bytes=100-199").await.unwrap();
    assert_eq!(part.status(), 206);
    assert_eq!(part.headers()["content-range"], format!("bytes 100-199/{}", film.len()));
    assert_eq!(part.bytes().await.unwrap().as_ref(), &film[100..200]);
    let tail = ranged("bytes=-10").await.unwrap();
    assert_eq!(tail.status(), 206);
    assert_eq!(tail.bytes().await.unwrap().as_ref(), &film[film.len() - 10..]);
    let beyond = ranged("bytes=999999999-").await.unwrap();
    assert_eq!(beyond.status(), 416);
    assert_eq!(beyond.headers()["content-range"], format!("bytes */{}", film.len()));

    // A file replaced after the start is not served under the old file's name.
    std::fs::write(dir.path().join("film.mp4"), &film[..1000]).unwrap();
    assert_eq!(app.get(address).await.status(), 404);
}
