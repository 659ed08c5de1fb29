//! Work on many items on every core, with std's scoped threads, handing each finished chunk
//! to the caller's thread in item order as soon as it and those before it are done.
//!
//! Chunks are cut by weight (a text's bytes), not by count, so that each is about the same
//! work; workers take the next chunk as they finish one, so long and short documents even
//! out. The caller's thread does not tag: it turns finished chunks into Python objects
//! while the workers go on, so that conversion overlaps tagging instead of following it.

use std::collections::BTreeMap;
use std::num::NonZeroUsize;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::thread;

/// The weight of a chunk: some 32 kB of text, a few milliseconds of tagging, so that taking
/// and handing over chunks costs nothing beside the work, and the last chunks spread over
/// the workers.
const CHUNK_WEIGHT: usize = 32 * 1024;
/// The most items in a chunk, however light (empty strings, short names).
const CHUNK_ITEMS: usize = 512;

/// The number of workers when the caller does not say: one per core.
pub fn default_threads() -> usize {
    thread::available_parallelism().map_or(1, NonZeroUsize::get)
}

/// Consecutive ranges of items, each ending with the item that brings its `weight` to
/// [`CHUNK_WEIGHT`] (or its count to [`CHUNK_ITEMS`]).
fn chunks<T>(items: &[T], weight: impl Fn(&T) -> usize) -> Vec<Range<usize>> {
    let mut chunks = Vec::new();
    let (mut start, mut load) = (0, 0);
    for (i, item) in items.iter().enumerate() {
        load += weight(item);
        if load >= CHUNK_WEIGHT || i + 1 - start >= CHUNK_ITEMS {
            chunks.push(start..i + 1);
            (start, load) = (i + 1, 0);
        }
    }
    if start < items.len() {
        chunks.push(start..items.len());
    }
    chunks
}

/// `f` of every item on `threads` worker threads; `take` gets the results in item order, a
/// chunk at a time, on the caller's thread while the workers go on. The first error (of `f`
/// in item order, or of `take`) stops the work and is returned.
pub fn map_in_order<T: Sync, R: Send, E: Send>(
    items: &[T],
    threads: usize,
    weight: impl Fn(&T) -> usize,
    f: impl Fn(&T) -> Result<R, E> + Sync,
    mut take: impl FnMut(Vec<R>) -> Result<(), E>,
) -> Result<(), E> {
    let chunks = chunks(items, weight);
    let threads = threads.clamp(1, chunks.len().max(1));
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let (done_tx, done_rx) = mpsc::channel::<(usize, Result<Vec<R>, E>)>();
    let work = |done: mpsc::Sender<(usize, Result<Vec<R>, E>)>| loop {
        let chunk = next.fetch_add(1, Ordering::Relaxed);
        if chunk >= chunks.len() || stop.load(Ordering::Relaxed) {
            return;
        }
        let results = items[chunks[chunk].clone()].iter().map(&f).collect();
        if done.send((chunk, results)).is_err() {
            return;
        }
    };
    thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                let done = done_tx.clone();
                scope.spawn(|| work(done))
            })
            .collect();
        drop(done_tx);
        let taken = (|| {
            let mut waiting = BTreeMap::new();
            let mut wanted = 0;
            // Ends when every worker has stopped (all chunks sent, or a worker panicked).
            for (chunk, results) in &done_rx {
                waiting.insert(chunk, results);
                while let Some(results) = waiting.remove(&wanted) {
                    take(results?)?;
                    wanted += 1;
                }
            }
            Ok(())
        })();
        if taken.is_err() {
            stop.store(true, Ordering::Relaxed);
        }
        drop(done_rx);
        for worker in workers {
            // A worker's panic goes on in the caller, where `errors::no_panic` turns it into an
            // exception: its results must not just go missing.
            worker
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p));
        }
        taken
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect<T: Sync, R: Send, E: Send>(
        items: &[T],
        threads: usize,
        weight: impl Fn(&T) -> usize,
        f: impl Fn(&T) -> Result<R, E> + Sync,
    ) -> Result<Vec<R>, E> {
        let mut out = Vec::new();
        map_in_order(items, threads, weight, f, |chunk| {
            out.extend(chunk);
            Ok(())
        })?;
        Ok(out)
    }

    #[test]
    fn keeps_item_order_on_any_number_of_threads() {
        let items: Vec<usize> = (0..5000).collect();
        for threads in [1, 2, 3, 8, 2000] {
            let out = collect(&items, threads, |&i| i * 7, |&i| Ok::<_, ()>(i * 2)).unwrap();
            assert_eq!(out, items.iter().map(|i| i * 2).collect::<Vec<_>>());
        }
    }

    #[test]
    fn returns_the_first_error_in_item_order() {
        let items: Vec<usize> = (0..5000).collect();
        let out = collect(
            &items,
            4,
            |_| 100,
            |&i| if i % 1000 == 777 { Err(i) } else { Ok(i) },
        );
        assert_eq!(out, Err(777));
    }

    #[test]
    fn an_error_of_take_stops_the_work() {
        let items: Vec<usize> = (0..100_000).collect();
        let tagged = AtomicUsize::new(0);
        let out = map_in_order(
            &items,
            2,
            |_| 1000,
            |&i| {
                // Slow enough that all the items would take minutes if the error did not stop
                // the workers.
                thread::sleep(std::time::Duration::from_millis(1));
                tagged.fetch_add(1, Ordering::Relaxed);
                Ok(i)
            },
            |_| Err("full"),
        );
        assert_eq!(out, Err("full"));
        assert!(tagged.load(Ordering::Relaxed) < items.len());
    }

    #[test]
    fn chunks_are_cut_by_weight_and_cover_every_item() {
        let items: Vec<usize> = vec![40_000, 10, 10, 30_000, 5000, 5000];
        let cut = chunks(&items, |&w| w);
        // A chunk ends with the item that brings it to the weight.
        assert_eq!(cut, vec![0..1, 1..5, 5..6]);
        let light = vec![0usize; 1300];
        assert_eq!(chunks(&light, |&w| w), vec![0..512, 512..1024, 1024..1300]);
    }

    #[test]
    fn no_items_no_work() {
        let out = collect(&[] as &[u8], 4, |_| 1, |_| Ok::<u8, ()>(0)).unwrap();
        assert!(out.is_empty());
    }
}
