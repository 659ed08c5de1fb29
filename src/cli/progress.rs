//! A progress bar on standard error for the long jobs (`build`, `import`) of large inputs,
//! drawn only when standard error is a terminal: a log or a pipe gets no escape codes, and a
//! small input no flicker. Without the feature `progress` (indicatif), nothing is drawn.

use std::io::IsTerminal;

/// Inputs from this size on get a bar.
const LARGE: u64 = 1 << 20;

/// A bar over the bytes of an input, then a spinner for the phases after reading; nothing at
/// all when standard error is not a terminal or the input is small. Cleared when dropped, so
/// that the job's own lines (and its errors) start on a clean line.
pub struct Progress(Option<bar::Bar>);

impl Progress {
    /// A bar over `total` bytes of input.
    pub fn bytes(total: u64, message: &str) -> Progress {
        Progress(shown(total).then(|| bar::bytes(total, message)).flatten())
    }

    /// A spinner from the start, for an input of `total` bytes read in a pass that cannot
    /// be measured.
    pub fn spinner(total: u64, message: &str) -> Progress {
        Progress(shown(total).then(|| bar::spinner(message)).flatten())
    }

    /// How many bytes are done.
    pub fn set(&self, done: u64) {
        if let Some(bar) = &self.0 {
            bar::set(bar, done);
        }
    }

    /// A phase with no measure of its own (checking, building the index, writing): a
    /// spinner with the time spent.
    pub fn phase(&self, message: &str) {
        if let Some(bar) = &self.0 {
            bar::phase(bar, message);
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(bar) = &self.0 {
            bar::clear(bar);
        }
    }
}

fn shown(total: u64) -> bool {
    total >= LARGE && std::io::stderr().is_terminal()
}

/// The size of a file, 0 when it cannot be read (the reading reports that).
pub fn file_size(path: &std::path::Path) -> u64 {
    std::fs::metadata(path).map_or(0, |m| m.len())
}

#[cfg(feature = "progress")]
mod bar {
    use std::time::Duration;

    use indicatif::{ProgressBar, ProgressStyle};

    pub type Bar = ProgressBar;

    const TICK: Duration = Duration::from_millis(200);

    pub fn bytes(total: u64, message: &str) -> Option<Bar> {
        let style = ProgressStyle::with_template(
            "{msg} [{bar:30}] {binary_bytes}/{binary_total_bytes} ({elapsed})",
        )
        .ok()?
        .progress_chars("=> ");
        let bar = ProgressBar::new(total).with_style(style);
        bar.set_message(message.to_string());
        bar.enable_steady_tick(TICK);
        Some(bar)
    }

    pub fn spinner(message: &str) -> Option<Bar> {
        let bar = ProgressBar::new_spinner();
        phase(&bar, message);
        bar.enable_steady_tick(TICK);
        Some(bar)
    }

    pub fn set(bar: &Bar, done: u64) {
        bar.set_position(done);
    }

    pub fn phase(bar: &Bar, message: &str) {
        if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} ({elapsed})") {
            bar.set_style(style);
        }
        bar.set_message(message.to_string());
    }

    pub fn clear(bar: &Bar) {
        bar.finish_and_clear();
    }
}

/// Without indicatif: no bar is ever made.
#[cfg(not(feature = "progress"))]
mod bar {
    pub enum Bar {}

    pub fn bytes(_: u64, _: &str) -> Option<Bar> {
        None
    }

    pub fn spinner(_: &str) -> Option<Bar> {
        None
    }

    pub fn set(bar: &Bar, _: u64) {
        match *bar {}
    }

    pub fn phase(bar: &Bar, _: &str) {
        match *bar {}
    }

    pub fn clear(bar: &Bar) {
        match *bar {}
    }
}
