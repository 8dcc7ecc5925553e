//! How many live streams each member holds open in this process, so that one session cannot
//! hold the server's connections and database reads without end.
//!
//! A stream beyond the cap is refused (429 with `Retry-After`) rather than closing the
//! oldest: a refused `EventSource` stops, where a closed one reconnects by itself, and two
//! pages over the cap would then keep closing each other. The dashboard works without its
//! stream: figures follow on reload.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

/// Live streams a member may hold open at once, on one instance.
pub const MAX_STREAMS: usize = 5;

/// Open streams per member.
#[derive(Debug, Default)]
pub struct LiveStreams {
    open: Mutex<HashMap<i32, usize>>,
}

/// A place among a member's streams, given back when the stream is dropped (its page closed,
/// its session ended, or the server stopping).
#[derive(Debug)]
pub struct StreamPass {
    streams: Arc<LiveStreams>,
    member: i32,
}

impl LiveStreams {
    /// A place for one more stream of `member`, unless they hold [`MAX_STREAMS`] already.
    pub fn admit(self: &Arc<Self>, member: i32) -> Option<StreamPass> {
        let mut open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        let count = open.entry(member).or_default();
        if *count >= MAX_STREAMS {
            return None;
        }
        *count += 1;
        Some(StreamPass { streams: self.clone(), member })
    }

    /// How many streams `member` holds open.
    pub fn open_of(&self, member: i32) -> usize {
        self.open.lock().unwrap_or_else(PoisonError::into_inner).get(&member).copied().unwrap_or(0)
    }
}

impl Drop for StreamPass {
    fn drop(&mut self) {
        let mut open = self.streams.open.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(count) = open.get_mut(&self.member) {
            *count = count.saturating_sub(1);
            if *count == 0 {
                open.remove(&self.member);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_member_holds_at_most_the_cap_and_a_dropped_pass_frees_its_place() {
        let streams = Arc::new(LiveStreams::default());
        let passes: Vec<StreamPass> = (0..MAX_STREAMS).map(|_| streams.admit(1).unwrap()).collect();
        assert!(streams.admit(1).is_none());
        assert!(streams.admit(2).is_some(), "another member is not affected");
        drop(passes);
        assert_eq!(streams.open_of(1), 0);
        assert!(streams.admit(1).is_some());
    }
}
