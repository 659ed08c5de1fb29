//! Work on many items on every core, with std's scoped threads: a worker takes the next chunk
//! of items as it finishes one, so long and short documents even out.

use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

/// Items a worker takes at a time: enough to make taking them cheap, few enough that the
/// last chunks spread over the workers.
const CHUNK: usize = 16;

/// The number of workers when the caller does not say: one per core.
pub fn default_threads() -> usize {
    thread::available_parallelism().map_or(1, NonZeroUsize::get)
}

/// `f` of every item, in item order, on `threads` threads (the caller's among them). The
/// first error in item order is returned.
pub fn map<T: Sync, R: Send, E: Send>(
    items: &[T],
    threads: usize,
    f: impl Fn(&T) -> Result<R, E> + Sync,
) -> Result<Vec<R>, E> {
    let chunks = items.len().div_ceil(CHUNK);
    let threads = threads.clamp(1, chunks.max(1));
    if threads == 1 {
        return items.iter().map(&f).collect();
    }
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let chunk = next.fetch_add(1, Ordering::Relaxed);
            if chunk >= chunks {
                return done;
            }
            let range = chunk * CHUNK..((chunk + 1) * CHUNK).min(items.len());
            done.push((chunk, items[range].iter().map(&f).collect::<Vec<_>>()));
        }
    };
    let mut done: Vec<(usize, Vec<Result<R, E>>)> = thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut done = work();
        for helper in helpers {
            // A worker's panic goes on in the caller, where `errors::no_panic` turns it into an
            // exception: its results must not just go missing.
            done.extend(
                helper
                    .join()
                    .unwrap_or_else(|p| std::panic::resume_unwind(p)),
            );
        }
        done
    });
    done.sort_unstable_by_key(|(chunk, _)| *chunk);
    done.into_iter().flat_map(|(_, results)| results).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_item_order_on_any_number_of_threads() {
        let items: Vec<usize> = (0..1000).collect();
        for threads in [1, 2, 3, 8, 2000] {
            let out = map(&items, threads, |&i| Ok::<_, ()>(i * 2)).unwrap();
            assert_eq!(out, items.iter().map(|i| i * 2).collect::<Vec<_>>());
        }
    }

    #[test]
    fn returns_the_first_error_in_item_order() {
        let items: Vec<usize> = (0..500).collect();
        let out = map(&items, 4, |&i| if i % 100 == 77 { Err(i) } else { Ok(i) });
        assert_eq!(out, Err(77));
    }

    #[test]
    fn no_items_no_work() {
        let out = map(&[] as &[u8], 4, |_| Ok::<u8, ()>(0)).unwrap();
        assert!(out.is_empty());
    }
}
