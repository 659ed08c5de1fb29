//! Work on many items on every core, with std's scoped threads: the caller's thread feeds
//! the items a chunk at a time, a few chunks ahead of the workers, and takes each finished
//! chunk back in item order as soon as it and those before it are done.
//!
//! Chunks are cut by weight (a text's bytes), not by count, so that each is about the same
//! work; workers take the next chunk as they finish one, so long and short documents even
//! out. The caller's thread does not tag: it reads the items in (Python strings, under the
//! GIL) and turns finished chunks into Python objects while the workers go on, so that both
//! overlap the work instead of preceding and following it.

use std::any::Any;
use std::collections::BTreeMap;
use std::num::NonZeroUsize;
use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Mutex, PoisonError};
use std::thread;

/// The weight of a chunk: some 32 kB of text, a few milliseconds of tagging, so that taking
/// and handing over chunks costs nothing beside the work, and the last chunks spread over
/// the workers.
const CHUNK_WEIGHT: usize = 32 * 1024;
/// The most items in a chunk, however light (empty strings, short names).
const CHUNK_ITEMS: usize = 512;
/// How many chunks the caller feeds ahead of those it has taken back, per worker: enough
/// that no worker waits for the caller, few enough that a long iterable is not read into
/// memory whole before its answers are made.
const AHEAD_PER_WORKER: usize = 3;

/// The number of workers when the caller does not say: one per core.
pub fn default_threads() -> usize {
    thread::available_parallelism().map_or(1, NonZeroUsize::get)
}

/// The next chunk of `items`: up to the item that brings its `weight` to [`CHUNK_WEIGHT`]
/// (or its count to [`CHUNK_ITEMS`]); None when no item is left.
pub fn next_chunk<T, E>(
    items: impl Iterator<Item = Result<T, E>>,
    weight: impl Fn(&T) -> usize,
) -> Result<Option<Vec<T>>, E> {
    let mut chunk = Vec::new();
    let mut load = 0;
    for item in items {
        let item = item?;
        load += weight(&item);
        chunk.push(item);
        if load >= CHUNK_WEIGHT || chunk.len() >= CHUNK_ITEMS {
            break;
        }
    }
    Ok((!chunk.is_empty()).then_some(chunk))
}

/// Why the work stopped early.
enum Stop<E> {
    Failed(E),
    /// A worker panicked: the panic goes on in the caller once every worker has stopped.
    Panicked(Box<dyn Any + Send>),
}

/// `f` of every item on up to `threads` worker threads. `feed`, on the caller's thread, gives
/// the items a chunk at a time ([`next_chunk`]), None when there are no more; `take` gets the
/// results in item order, a chunk at a time, on the caller's thread while the workers go on.
/// The first error (of `feed`, of `f` in item order, or of `take`) stops the work and is
/// returned; a panic of `f` goes on in the caller.
pub fn map_in_order<T: Send, R: Send, E: Send>(
    threads: usize,
    mut feed: impl FnMut() -> Result<Option<Vec<T>>, E>,
    f: impl Fn(&T) -> Result<R, E> + Sync,
    mut take: impl FnMut(Vec<R>) -> Result<(), E>,
) -> Result<(), E> {
    let threads = threads.max(1);
    let stop = AtomicBool::new(false);
    let (work_tx, work_rx) = mpsc::channel::<(usize, Vec<T>)>();
    let work_rx = Mutex::new(work_rx);
    type Done<R, E> = (usize, thread::Result<Result<Vec<R>, E>>);
    let (done_tx, done_rx) = mpsc::channel::<Done<R, E>>();
    let work = |done: mpsc::Sender<Done<R, E>>| loop {
        // Ends when the caller stops feeding (the channel closes) or stops the work.
        let next = work_rx
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .recv();
        let Ok((chunk, items)) = next else { return };
        if stop.load(Ordering::Relaxed) {
            return;
        }
        let results = panic::catch_unwind(AssertUnwindSafe(|| items.iter().map(&f).collect()));
        if done.send((chunk, results)).is_err() {
            return;
        }
    };
    thread::scope(|scope| {
        let mut workers = Vec::with_capacity(threads);
        // Dropped once every worker has its own, so that the results channel closes if all
        // of them are gone.
        let mut done_tx = Some(done_tx);
        let taken = (|| {
            let (mut fed, mut wanted, mut exhausted) = (0, 0, false);
            let mut waiting = BTreeMap::new();
            loop {
                while !exhausted && fed - wanted < AHEAD_PER_WORKER * threads {
                    let Some(items) = feed().map_err(Stop::Failed)? else {
                        exhausted = true;
                        break;
                    };
                    // A worker for each of the first chunks: few items, few threads.
                    if let (true, Some(done)) = (workers.len() < threads, &done_tx) {
                        let done = done.clone();
                        workers.push(scope.spawn(|| work(done)));
                    }
                    // The workers hold the receiver until the caller is done feeding.
                    let _ = work_tx.send((fed, items));
                    fed += 1;
                }
                if wanted == fed {
                    return Ok(());
                }
                // Every worker is spawned by now: feeding stopped at the end of the items or
                // with more chunks fed than workers. So only the workers hold senders, and this
                // waits for one of them, or ends if every worker is gone: they only go with
                // chunks in flight by a panic of their own, which `join` below goes on with.
                done_tx = None;
                let Ok((chunk, results)) = done_rx.recv() else {
                    return Ok(());
                };
                waiting.insert(chunk, results);
                while let Some(results) = waiting.remove(&wanted) {
                    let results = results.map_err(Stop::Panicked)?;
                    take(results.map_err(Stop::Failed)?).map_err(Stop::Failed)?;
                    wanted += 1;
                }
            }
        })();
        stop.store(true, Ordering::Relaxed);
        drop(work_tx);
        drop(done_rx);
        for worker in workers {
            // `f`'s panics are caught in the worker; one of the worker itself goes on here.
            worker.join().unwrap_or_else(|p| panic::resume_unwind(p));
        }
        match taken {
            Ok(()) => Ok(()),
            Err(Stop::Failed(e)) => Err(e),
            // `errors::no_panic` turns it into an exception: its results must not just go
            // missing.
            Err(Stop::Panicked(p)) => panic::resume_unwind(p),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;
    use std::sync::atomic::AtomicUsize;

    /// `map_in_order` fed from `items`, its results collected.
    fn collect<T: Clone + Send, R: Send, E: Send>(
        items: &[T],
        threads: usize,
        weight: impl Fn(&T) -> usize,
        f: impl Fn(&T) -> Result<R, E> + Sync,
    ) -> Result<Vec<R>, E> {
        let mut items = items.iter().cloned().map(Ok);
        let mut out = Vec::new();
        map_in_order(
            threads,
            || next_chunk(&mut items, &weight),
            f,
            |chunk| {
                out.extend(chunk);
                Ok(())
            },
        )?;
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
        let mut feed = items.iter().map(Ok);
        let tagged = AtomicUsize::new(0);
        let out = map_in_order(
            2,
            || next_chunk(&mut feed, |_| 1000),
            |&&i| {
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
    fn an_error_of_feed_stops_the_work_and_is_returned() {
        let mut items = (0..100_000usize).map(|i| if i == 3000 { Err("bad item") } else { Ok(i) });
        let mut taken = 0;
        let out = map_in_order(
            2,
            || next_chunk(&mut items, |_| 1000),
            |&i| Ok(i),
            |chunk| {
                taken += chunk.len();
                Ok(())
            },
        );
        assert_eq!(out, Err("bad item"));
        assert!(taken <= 3000);
    }

    #[test]
    fn a_panic_of_f_goes_on_in_the_caller() {
        let items: Vec<usize> = (0..5000).collect();
        let caught = panic::catch_unwind(|| {
            collect(
                &items,
                2,
                |_| 100,
                |&i| {
                    assert!(i != 4321, "item {i} is bad");
                    Ok::<_, ()>(i)
                },
            )
        });
        let message = caught.unwrap_err();
        assert_eq!(
            message.downcast_ref::<String>().unwrap(),
            "item 4321 is bad"
        );
    }

    #[test]
    fn feeds_only_a_few_chunks_ahead_of_those_taken() {
        let fed = Cell::new(0);
        let mut items = (0..20_000usize).map(|i| {
            fed.set(fed.get() + 1);
            Ok::<_, ()>(i)
        });
        let mut taken = 0;
        let mut most_ahead = 0;
        map_in_order(
            2,
            || next_chunk(&mut items, |_| 1000),
            |&i| Ok(i),
            |chunk| {
                taken += chunk.len();
                most_ahead = most_ahead.max(fed.get() - taken);
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(taken, 20_000);
        // Chunks of 33 items (33 * 1000 >= CHUNK_WEIGHT), at most 6 ahead for 2 workers.
        assert!(
            most_ahead <= AHEAD_PER_WORKER * 2 * 33,
            "{most_ahead} items ahead"
        );
    }

    #[test]
    fn chunks_are_cut_by_weight_and_cover_every_item() {
        let cut = |items: Vec<usize>| {
            let mut items = items.into_iter().map(Ok::<_, ()>);
            std::iter::from_fn(|| next_chunk(&mut items, |&w| w).unwrap()).collect::<Vec<_>>()
        };
        // A chunk ends with the item that brings it to the weight.
        assert_eq!(
            cut(vec![40_000, 10, 10, 30_000, 5000, 5000]),
            vec![vec![40_000], vec![10, 10, 30_000, 5000], vec![5000]]
        );
        let sizes: Vec<usize> = cut(vec![0; 1300]).iter().map(Vec::len).collect();
        assert_eq!(sizes, vec![512, 512, 276]);
    }

    #[test]
    fn no_items_no_work() {
        let out = collect(&[] as &[u8], 4, |_| 1, |_| Ok::<u8, ()>(0)).unwrap();
        assert!(out.is_empty());
    }
}
