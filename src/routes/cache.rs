//! Rendered copies of the campaign page, of `/api/campaign` and of what other sites show of
//! the campaign (the badge, the embedded card), one per language, rebuilt when the figures
//! change but at most a few times a second.
//!
//! These are the pages a launch crowd refreshes; rendering them costs far more than serving
//! them. A copy is fresh while no pledge changed since it was built and it is younger than
//! its maximum age; under a stream of pledges it is rebuilt at most once per minimum age.
//! While one request rebuilds a stale copy, the others keep serving it.

use std::collections::{HashMap, HashSet};
use std::io::Cursor;
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::Instant;

use rocket::Request;
use rocket::http::ContentType;
use rocket::response::{self, Responder, Response};

use crate::config::CacheAges;
use crate::domain::Lang;
use crate::error::AppError;

/// A cached copy as a response: written in one piece rather than in Rocket's default 4 KiB
/// chunks, which matters at the request rates a launch brings; compressed once, when it was
/// rendered, for the browsers that take gzip.
pub struct Cached(pub ContentType, pub Arc<str>, pub Option<Arc<[u8]>>);

impl<'r> Responder<'r, 'static> for Cached {
    fn respond_to(self, request: &'r Request<'_>) -> response::Result<'static> {
        let Cached(content_type, body, gzip) = self;
        let mut response = Response::build();
        response.header(content_type);
        match gzip.filter(|_| super::compression::takes_gzip(request)) {
            Some(gzip) => {
                let length = gzip.len();
                response
                    .raw_header("Content-Encoding", "gzip")
                    .sized_body(length, Cursor::new(Bytes(gzip)))
                    .max_chunk_size(length.max(4096));
            }
            None => {
                let length = body.len();
                response.sized_body(length, Cursor::new(Bytes(body))).max_chunk_size(length.max(4096));
            }
        }
        response.ok()
    }
}

/// A shared body, sent without copying it.
pub struct Bytes<T: ?Sized>(pub Arc<T>);

impl AsRef<[u8]> for Bytes<str> {
    fn as_ref(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

impl AsRef<[u8]> for Bytes<[u8]> {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl AsRef<[u8]> for Bytes<Vec<u8>> {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

/// The cached pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CachedPage {
    Campaign,
    ApiCampaign,
    /// The progress badge other sites show (see [`super::badge`]).
    Badge,
    /// The card other sites frame (see [`super::embed`]).
    Embed,
}

type Key = (CachedPage, Lang);

/// A rendered page: as most visitors get it, and with the marks where a visit's source goes
/// (see [`super::source`]).
#[derive(Debug, Clone)]
pub struct Rendered {
    pub plain: Arc<str>,
    pub marked: Arc<str>,
    /// `plain`, gzip-compressed.
    pub gzip: Option<Arc<[u8]>>,
}

impl Rendered {
    fn new(marked: String) -> Rendered {
        let plain = super::source::fill(&marked, &Default::default());
        let marked: Arc<str> = marked.into();
        let plain: Arc<str> = if *plain == *marked { marked.clone() } else { plain.into() };
        let gzip = super::compression::gzip(plain.as_bytes()).ok().map(Arc::from);
        Rendered { plain, marked, gzip }
    }

    /// The copy as a response: as most visitors get it, or filled with a visit's source.
    pub fn answer(self, content_type: ContentType, visit: &crate::domain::Source) -> Cached {
        if visit.is_empty() {
            Cached(content_type, self.plain, self.gzip)
        } else {
            Cached(content_type, super::source::fill(&self.marked, visit).into(), None)
        }
    }
}

/// A rendered copy, and when and from which figures it was made.
#[derive(Debug)]
struct RenderedCopy {
    body: Rendered,
    generation: u64,
    built: Instant,
}

impl RenderedCopy {
    fn fresh(&self, generation: u64, ages: CacheAges) -> bool {
        let age = self.built.elapsed();
        age < ages.min || (self.generation == generation && age < ages.max)
    }
}

/// The rendered copies, shared by all requests.
#[derive(Debug, Default)]
pub struct PageCache {
    ages: CacheAges,
    copies: RwLock<HashMap<Key, Arc<RenderedCopy>>>,
    rebuilding: Mutex<HashSet<Key>>,
    cold: tokio::sync::Mutex<()>,
}

/// Clears a rebuilding mark however the rebuild ends, even if its request is dropped.
struct Rebuilding<'a>(&'a PageCache, Key);

impl Drop for Rebuilding<'_> {
    fn drop(&mut self) {
        self.0.rebuilding.lock().unwrap_or_else(PoisonError::into_inner).remove(&self.1);
    }
}

impl PageCache {
    pub fn new(ages: CacheAges) -> PageCache {
        PageCache { ages, ..PageCache::default() }
    }

    /// The copy of `page` in `lang`, rebuilt with `build` when stale. `generation` is the
    /// pledge writer's, read before `build` reads the figures.
    pub async fn get<F>(&self, page: CachedPage, lang: Lang, generation: u64, build: F) -> Result<Rendered, AppError>
    where
        F: Future<Output = Result<String, AppError>>,
    {
        let key = (page, lang);
        let current = self.copies.read().unwrap_or_else(PoisonError::into_inner).get(&key).cloned();
        if let Some(copy) = &current
            && copy.fresh(generation, self.ages)
        {
            return Ok(copy.body.clone());
        }
        let (_mark, _cold) = match &current {
            Some(copy) => {
                let first = self.rebuilding.lock().unwrap_or_else(PoisonError::into_inner).insert(key);
                if !first {
                    // Somebody is rebuilding it; the stale copy is good enough meanwhile.
                    return Ok(copy.body.clone());
                }
                (Some(Rebuilding(self, key)), None)
            }
            // No copy yet (just started): one request renders while the others wait for it.
            None => {
                let cold = self.cold.lock().await;
                let built = self.copies.read().unwrap_or_else(PoisonError::into_inner).get(&key).cloned();
                if let Some(copy) = built {
                    return Ok(copy.body.clone());
                }
                (None, Some(cold))
            }
        };
        let body = Rendered::new(build.await?);
        let copy = Arc::new(RenderedCopy { body: body.clone(), generation, built: Instant::now() });
        self.copies.write().unwrap_or_else(PoisonError::into_inner).insert(key, copy);
        Ok(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_copy_is_rebuilt_only_when_stale() {
        let cache = PageCache::new(CacheAges::default());
        let build = |text: &'static str| async move { Ok::<_, AppError>(text.to_owned()) };
        assert_eq!(&*cache.get(CachedPage::Campaign, Lang::Fr, 1, build("one")).await.unwrap().plain, "one");
        // Fresh: same generation, young.
        assert_eq!(&*cache.get(CachedPage::Campaign, Lang::Fr, 1, build("two")).await.unwrap().plain, "one");
        // Another language is another copy.
        assert_eq!(&*cache.get(CachedPage::Campaign, Lang::En, 1, build("en")).await.unwrap().plain, "en");
        // A pledge came in, but the copy is younger than the minimum age.
        assert_eq!(&*cache.get(CachedPage::Campaign, Lang::Fr, 2, build("three")).await.unwrap().plain, "one");
        tokio::time::sleep(CacheAges::default().min).await;
        assert_eq!(&*cache.get(CachedPage::Campaign, Lang::Fr, 2, build("four")).await.unwrap().plain, "four");
        assert_eq!(&*cache.get(CachedPage::Campaign, Lang::Fr, 2, build("five")).await.unwrap().plain, "four");
    }

    #[tokio::test]
    async fn a_failed_rebuild_leaves_no_mark_behind() {
        let cache = PageCache::new(CacheAges::default());
        let failed = cache.get(CachedPage::ApiCampaign, Lang::Fr, 0, async { Err(AppError::NotFound) }).await;
        assert!(failed.is_err());
        let body = cache.get(CachedPage::ApiCampaign, Lang::Fr, 0, async { Ok("ok".to_owned()) }).await.unwrap();
        assert_eq!(&*body.plain, "ok");
    }

    #[tokio::test]
    async fn without_caching_every_request_renders() {
        let cache = PageCache::new(CacheAges::NONE);
        for text in ["a", "b"] {
            let body = cache.get(CachedPage::Campaign, Lang::Fr, 0, async move { Ok(text.to_owned()) }).await.unwrap();
            assert_eq!(&*body.plain, text);
        }
    }

    #[tokio::test]
    async fn a_crowd_arriving_before_the_first_copy_renders_it_once() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let cache = PageCache::new(CacheAges::default());
        let builds = AtomicUsize::new(0);
        let requests = (0..16).map(|_| {
            cache.get(CachedPage::Campaign, Lang::Fr, 0, async {
                builds.fetch_add(1, Ordering::SeqCst);
                tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                Ok("page".to_owned())
            })
        });
        let bodies = futures::future::join_all(requests).await;
        assert!(bodies.iter().all(|b| b.as_ref().is_ok_and(|b| &*b.plain == "page")));
        assert_eq!(builds.load(Ordering::SeqCst), 1);
    }
}
