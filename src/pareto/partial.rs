//! `pareto.partial.csv`: the points found so far, kept on disk while a front is computed so
//! that a hard stop (second Ctrl-C, kill, crash) does not lose them.
//!
//! Solver threads only append a row in memory; one background thread rewrites the file
//! atomically whenever new rows have arrived. An atomic rewrite ends in an `fsync`, which costs
//! milliseconds: done on the solver threads once per point (538 points on the Harz default
//! front), it held both workers up for seconds (measured 5.8 s for 538 rewrites on the 2-core
//! machine). Rows that arrive during a write are written together by the next one.

use crate::output::write_atomic;
use std::path::PathBuf;
use std::sync::{Condvar, Mutex};

/// A CSV file rewritten in the background as rows arrive.
///
/// ```
/// use impuls::pareto::partial::PartialCsv;
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("p.csv");
/// let csv = PartialCsv::new(path.clone(), "n,value".into());
/// std::thread::scope(|s| {
///     s.spawn(|| csv.write_until_finished());
///     csv.push("10");
///     csv.push("7");
///     csv.finish();
/// });
/// // the last rewrite may or may not have happened before `finish`; a flush writes it now
/// csv.flush().unwrap();
/// assert_eq!(std::fs::read_to_string(&path).unwrap(), "n,value\n1,10\n2,7\n");
/// ```
pub struct PartialCsv {
    path: PathBuf,
    header: String,
    state: Mutex<State>,
    wake: Condvar,
}

#[derive(Default)]
struct State {
    rows: Vec<String>,
    /// Rows arrived since the last write.
    dirty: bool,
    finished: bool,
}

impl PartialCsv {
    /// A file at `path` with the given header line (without newline). Nothing is written until
    /// the first row arrives.
    pub fn new(path: PathBuf, header: String) -> Self {
        PartialCsv {
            path,
            header,
            state: Mutex::new(State::default()),
            wake: Condvar::new(),
        }
    }

    /// Adds a row (without newline), prefixed with its number `n` (1, 2, …) and a comma, and
    /// wakes the writer; returns the number of rows so far.
    pub fn push(&self, row: &str) -> usize {
        let mut state = self.state.lock().expect("no poisoned lock");
        let n = state.rows.len() + 1;
        state.rows.push(format!("{n},{row}"));
        state.dirty = true;
        self.wake.notify_one();
        state.rows.len()
    }

    /// Tells [`write_until_finished`](Self::write_until_finished) to return without writing
    /// rows that are still pending (the caller writes the final files instead).
    pub fn finish(&self) {
        self.state.lock().expect("no poisoned lock").finished = true;
        self.wake.notify_one();
    }

    /// The background loop: waits for new rows and rewrites the file atomically with all rows
    /// so far, until [`finish`](Self::finish). Write errors are ignored: the file is a safety
    /// net, and the final output reports its own errors.
    pub fn write_until_finished(&self) {
        loop {
            let text = {
                let mut state = self.state.lock().expect("no poisoned lock");
                while !state.dirty && !state.finished {
                    state = self.wake.wait(state).expect("no poisoned lock");
                }
                if state.finished {
                    return;
                }
                state.dirty = false;
                self.text(&state.rows)
            };
            let _ = write_atomic(&self.path, text.as_bytes());
        }
    }

    /// Writes the file now with all rows so far (in the calling thread).
    pub fn flush(&self) -> crate::Result<()> {
        let text = {
            let mut state = self.state.lock().expect("no poisoned lock");
            state.dirty = false;
            self.text(&state.rows)
        };
        write_atomic(&self.path, text.as_bytes())
    }

    fn text(&self, rows: &[String]) -> String {
        let mut text = String::with_capacity(self.header.len() + 1 + rows.len() * 64);
        text.push_str(&self.header);
        text.push('\n');
        for row in rows {
            text.push_str(row);
            text.push('\n');
        }
        text
    }
}
