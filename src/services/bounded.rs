//! Costly work (hashing a password, decoding a photo) run off the async threads a few at a
//! time, with a short queue: memory stays bounded whatever arrives at once, and what finds
//! the queue full is told to come back in a moment instead of waiting without end.

use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::sync::Semaphore;

use crate::error::AppError;

/// A kind of costly work, `at_once` at a time with `queue` waiting at most.
#[derive(Debug)]
pub struct Bounded {
    at_once: usize,
    queue: usize,
    running: Semaphore,
    waiting: AtomicUsize,
}

impl Bounded {
    pub const fn new(at_once: usize, queue: usize) -> Bounded {
        Bounded { at_once, queue, running: Semaphore::const_new(at_once), waiting: AtomicUsize::new(0) }
    }

    /// Runs `work` on a blocking thread when its turn comes, or refuses it with
    /// [`AppError::Busy`] when the queue is full. `context` names the work in errors.
    pub async fn run<T: Send + 'static>(
        &self,
        context: &'static str,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, AppError> {
        if self.waiting.fetch_add(1, Ordering::AcqRel) >= self.at_once + self.queue {
            self.waiting.fetch_sub(1, Ordering::AcqRel);
            return Err(AppError::Busy { retry_after_seconds: 2 });
        }
        let result = match self.running.acquire().await {
            Ok(_turn) => tokio::task::spawn_blocking(work).await.map_err(|e| AppError::internal(context, e)),
            Err(e) => Err(AppError::internal(context, e)),
        };
        self.waiting.fetch_sub(1, Ordering::AcqRel);
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn work_beyond_the_queue_is_refused_at_once() {
        static WORK: Bounded = Bounded::new(2, 8);
        let slow = || std::thread::sleep(std::time::Duration::from_millis(300));
        let tries: Vec<_> = (0..30).map(|_| tokio::spawn(WORK.run("testing", slow))).collect();
        let mut busy = 0;
        for t in tries {
            if matches!(t.await.unwrap(), Err(AppError::Busy { .. })) {
                busy += 1;
            }
        }
        assert_eq!(busy, 30 - 2 - 8);
        assert!(WORK.run("testing", || ()).await.is_ok(), "free again once they are done");
    }
}
