//! Long library calls from Python: the GIL is released, and Ctrl-C stops the call honestly.
//!
//! Python runs its SIGINT handler only between bytecodes of the main thread, so a solve that
//! ran on the calling thread could not be interrupted. Instead the call runs on a worker
//! thread while the calling thread (without the GIL) waits and, every 50 ms, takes the GIL
//! for a moment to let Python's signal handlers run (`check_signals`). The first
//! `KeyboardInterrupt` raises the library's interrupt flag (`impuls::solve::interrupt`): HiGHS
//! stops at its next callback, the library's own loops at their next check, and the call
//! returns what it found (status `interrupted`, an incomplete front), as the CLI does on its
//! first Ctrl-C. A second Ctrl-C while the call winds down raises `KeyboardInterrupt` at once;
//! the worker then finishes in the background and its result is dropped. Any other exception
//! raised by a signal handler also stops the call and is re-raised when it has stopped.
//!
//! Library calls run one at a time in a process (a lock held by the worker): HiGHS keeps a
//! process-wide scheduler, and the interrupt flag is process-wide too, so a Ctrl-C must only
//! reach the call it was meant for. A call waiting for the lock is not stopped by an
//! interrupt of the running one.

use impuls::solve::interrupt;
use pyo3::exceptions::{PyKeyboardInterrupt, PyRuntimeError};
use pyo3::prelude::*;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

/// Serialises library calls (see the module docs).
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// How often the waiting thread looks for signals.
const POLL: Duration = Duration::from_millis(50);

/// The worker's stack: the library's recursive searches were written for a main thread's 8 MiB.
const STACK_BYTES: usize = 64 << 20;

/// What the waiting thread and the worker know of each other.
#[derive(Default)]
struct Progress {
    /// The worker holds the lock and has cleared the flag.
    started: bool,
    /// A stop was asked for.
    stop: bool,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Asks the job to stop: now if it runs, else as soon as it starts.
fn ask_stop(progress: &Mutex<Progress>) {
    let mut p = lock(progress);
    p.stop = true;
    if p.started {
        interrupt::request();
    }
}

/// Runs `job` on a worker thread with the GIL released; see the module docs for Ctrl-C.
pub fn run<T, F>(py: Python<'_>, job: F) -> PyResult<T>
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    let (done, outcome) = channel();
    let progress = Arc::new(Mutex::new(Progress::default()));
    let worker_progress = Arc::clone(&progress);
    let worker = move || {
        let _turn = lock(&ONE_AT_A_TIME);
        interrupt::reset();
        {
            let mut p = lock(&worker_progress);
            p.started = true;
            if p.stop {
                interrupt::request();
            }
        }
        let result = catch_unwind(AssertUnwindSafe(job));
        interrupt::reset();
        // the waiting thread is gone after a second Ctrl-C; the result is then dropped
        let _ = done.send(result);
    };
    std::thread::Builder::new()
        .name("impuls".into())
        .stack_size(STACK_BYTES)
        .spawn(worker)
        .map_err(|e| PyRuntimeError::new_err(format!("cannot start the solve thread: {e}")))?;
    let waited = py.detach(move || wait(outcome, &progress))?;
    let result = match waited {
        Waited::Finished(result) => result,
        Waited::Raise(e) => return Err(e),
    };
    result.map_err(|panic| {
        let what = panic
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| panic.downcast_ref::<&str>().copied())
            .unwrap_or("unknown panic");
        crate::errors::raise("ImpulsError", format!("internal error: {what}"))
    })
}

/// How the wait ended.
enum Waited<T> {
    /// The job ended (possibly stopped by a KeyboardInterrupt, which its status then says).
    Finished(std::thread::Result<T>),
    /// An exception to raise: a second signal, or one of a signal handler other than
    /// KeyboardInterrupt once the job has stopped.
    Raise(PyErr),
}

/// Waits (without the GIL) for the worker's result, running Python's signal handlers between
/// waits; the first signal stops the job (see the module docs).
fn wait<T>(
    outcome: Receiver<std::thread::Result<T>>,
    progress: &Mutex<Progress>,
) -> PyResult<Waited<T>> {
    // the exception of a signal handler to raise once the job has stopped
    let mut raise_after: Option<PyErr> = None;
    let mut stopping = false;
    loop {
        match outcome.recv_timeout(POLL) {
            Ok(result) => {
                return Ok(match raise_after {
                    Some(e) => Waited::Raise(e),
                    None => Waited::Finished(result),
                })
            }
            Err(RecvTimeoutError::Disconnected) => {
                return Err(PyRuntimeError::new_err(
                    "the solve thread ended without a result",
                ))
            }
            Err(RecvTimeoutError::Timeout) => {
                let Err(e) = Python::attach(|py| py.check_signals()) else {
                    continue;
                };
                if stopping {
                    // a second signal while stopping: give control back at once
                    return Ok(Waited::Raise(e));
                }
                stopping = true;
                ask_stop(progress);
                if !Python::attach(|py| e.is_instance_of::<PyKeyboardInterrupt>(py)) {
                    raise_after = Some(e);
                }
            }
        }
    }
}
