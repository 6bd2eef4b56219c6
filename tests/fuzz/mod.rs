//! A mutation fuzzer over every reader: each mutant is written to a work directory and read
//! through the reader's public entry point. A mutant fails when the reader panics, takes longer
//! than the per-input budget, makes an absurd allocation, or refuses it with an error that is
//! not one line naming the file.
//!
//! Deterministic: mutant k of target t is a function of (seed, t, k) alone, so a failure is
//! reproduced by its numbers. A hang past `HANG` or an allocation past `HARD_CAP` ends the
//! process; the mutant is then the file left in the target's work directory.

pub mod mutate;
pub mod targets;

use mutate::Rng;
use std::alloc::{GlobalAlloc, Layout, System};
use std::collections::BTreeMap;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use targets::Target;

/// Budget per input: a reader slower than this on a mutant of a small file has a bug.
pub const BUDGET: Duration = Duration::from_secs(2);
/// Past this the watchdog stops the process (a hang).
const HANG: Duration = Duration::from_secs(60);
/// Largest single allocation accepted while reading a mutant (seeds are at most 370 KB).
pub const ALLOC_LIMIT: usize = 64 << 20;
/// Allocations above this are refused outright (the process aborts), instead of reserving
/// gigabytes of address space.
const HARD_CAP: usize = 4 << 30;

/// The system allocator, recording the largest request while armed.
pub struct Counting;

static ARMED: AtomicBool = AtomicBool::new(false);
static LARGEST: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if note(layout.size()) {
            return std::ptr::null_mut();
        }
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if note(layout.size()) {
            return std::ptr::null_mut();
        }
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if note(new_size) {
            return std::ptr::null_mut();
        }
        unsafe { System.realloc(ptr, layout, new_size) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

/// Records an allocation of `size` bytes; true when it is to be refused.
fn note(size: usize) -> bool {
    if ARMED.load(Ordering::Relaxed) {
        LARGEST.fetch_max(size, Ordering::Relaxed);
        return size > HARD_CAP;
    }
    false
}

/// Runs `f` and returns its result with the largest single allocation it made.
pub fn peak_allocation<T>(f: impl FnOnce() -> T) -> (T, usize) {
    LARGEST.store(0, Ordering::Relaxed);
    ARMED.store(true, Ordering::Relaxed);
    let out = f();
    ARMED.store(false, Ordering::Relaxed);
    (out, LARGEST.load(Ordering::Relaxed))
}

/// What went wrong with a mutant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Class {
    Panic,
    Slow,
    Allocation,
    MultiLine,
    FileNotNamed,
}

/// One failing mutant.
#[derive(Debug)]
pub struct Failure {
    pub class: Class,
    pub target: &'static str,
    pub mutant: usize,
    pub operations: Vec<&'static str>,
    pub detail: String,
    pub saved: PathBuf,
}

/// Counts of one target's run.
#[derive(Debug, Default, Clone)]
pub struct Tally {
    pub mutants: usize,
    pub accepted: usize,
    pub refused: usize,
    pub failures: BTreeMap<String, usize>,
    pub seconds: f64,
    /// One example refusal per message shape (digits and quoted text collapsed), to review.
    pub messages: BTreeMap<String, String>,
}

/// A refusal with the work directory, numbers and quoted input collapsed, so that messages of
/// one kind count once.
fn shape(line: &str, dir: &Path) -> String {
    let line = line.replace(&dir.display().to_string(), "DIR");
    let mut out = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '\'' | '`' => {
                quoted = !quoted;
                out.push(c);
            }
            _ if quoted => {}
            '0'..='9' => {
                if !out.ends_with('#') {
                    out.push('#');
                }
            }
            _ => out.push(c),
        }
    }
    out.chars().take(160).collect()
}

static PANIC_MESSAGE: Mutex<Option<String>> = Mutex::new(None);
static CURRENT: Mutex<Option<(Instant, String)>> = Mutex::new(None);

/// Routes the panic messages of readers under fuzz into `PANIC_MESSAGE` (instead of stderr)
/// and starts the watchdog.
fn install_hooks() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !ARMED.load(Ordering::Relaxed) {
                return default(info); // a failing assertion of the harness or a test
            }
            let location = info
                .location()
                .map(|l| format!(" at {l}"))
                .unwrap_or_default();
            let payload = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_default();
            *PANIC_MESSAGE.lock().unwrap_or_else(|e| e.into_inner()) =
                Some(format!("{payload}{location}"));
        }));
        std::thread::spawn(|| loop {
            std::thread::sleep(Duration::from_millis(200));
            let current = CURRENT.lock().unwrap_or_else(|e| e.into_inner());
            if let Some((start, what)) = current.as_ref() {
                if start.elapsed() > HANG {
                    eprintln!("HANG > {HANG:?}: {what}");
                    std::process::exit(2);
                }
            }
        });
    });
}

/// Runs `mutants` mutants of `target` from `seed`; work files go under `work`, failing
/// mutants are copied to `work/failures`.
pub fn run(target: &Target, mutants: usize, seed: u64, work: &Path) -> (Tally, Vec<Failure>) {
    install_hooks();
    let dir = work.join(target.name);
    let failures_dir = work.join("failures");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::create_dir_all(&failures_dir).unwrap();
    let mut tally = Tally::default();
    let mut failures = Vec::new();
    let started = Instant::now();
    let key = target
        .name
        .bytes()
        .fold(seed, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b)));
    for k in 0..mutants {
        let mut rng = Rng::new(key ^ (k as u64).wrapping_mul(0x2545_f491_4f6c_dd1d));
        let files = rng.pick(&target.seeds);
        let choices: Vec<usize> = (0..files.len())
            .filter(|&f| target.mutable.is_empty() || target.mutable.contains(&files[f].0.as_str()))
            .collect();
        let victim = *rng.pick(&choices);
        let donors: Vec<&[u8]> = target
            .seeds
            .iter()
            .flat_map(|s| s.iter().filter(|f| f.0 == files[victim].0))
            .map(|f| f.1.as_slice())
            .collect();
        let mut data = files[victim].1.clone();
        let operations = mutate::mutate(&mut rng, &mut data, &donors);
        // a clean directory per mutant: a file of another seed must not linger
        for entry in std::fs::read_dir(&dir).unwrap() {
            std::fs::remove_file(entry.unwrap().path()).unwrap();
        }
        for (f, (name, bytes)) in files.iter().enumerate() {
            let content = if f == victim { &data } else { bytes };
            std::fs::write(dir.join(name), content).unwrap();
        }
        let variant = rng.next();
        let what = format!("{} mutant {k} ({})", target.name, operations.join("+"));
        *CURRENT.lock().unwrap() = Some((Instant::now(), what));
        LARGEST.store(0, Ordering::Relaxed);
        ARMED.store(true, Ordering::Relaxed);
        let start = Instant::now();
        let result = std::panic::catch_unwind(AssertUnwindSafe(|| (target.run)(&dir, variant)));
        let elapsed = start.elapsed();
        ARMED.store(false, Ordering::Relaxed);
        *CURRENT.lock().unwrap() = None;
        let largest = LARGEST.load(Ordering::Relaxed);
        tally.mutants += 1;
        let named = if target.names_dir {
            dir.display().to_string()
        } else {
            dir.join(&files[victim].0).display().to_string()
        };
        let mut found: Vec<(Class, String)> = Vec::new();
        match result {
            Ok(Ok(())) => tally.accepted += 1,
            Ok(Err(e)) => {
                tally.refused += 1;
                let line = e.to_string();
                tally
                    .messages
                    .entry(shape(&line, &dir))
                    .or_insert_with(|| line.clone());
                if line.contains(['\n', '\r']) {
                    found.push((Class::MultiLine, line.clone()));
                }
                if !line.contains(&named) {
                    found.push((Class::FileNotNamed, line));
                }
            }
            Err(_) => {
                let message = PANIC_MESSAGE.lock().unwrap().take().unwrap_or_default();
                found.push((Class::Panic, message));
            }
        }
        if elapsed > BUDGET {
            found.push((Class::Slow, format!("{elapsed:.2?}")));
        }
        if largest > ALLOC_LIMIT {
            found.push((
                Class::Allocation,
                format!("{} MB in one allocation", largest >> 20),
            ));
        }
        for (class, detail) in found {
            let name = format!("{}-{class:?}-{k}-{}", target.name, files[victim].0);
            let saved = failures_dir.join(name);
            std::fs::write(&saved, &data).unwrap();
            *tally.failures.entry(format!("{class:?}")).or_default() += 1;
            failures.push(Failure {
                class,
                target: target.name,
                mutant: k,
                operations: operations.clone(),
                detail,
                saved,
            });
        }
    }
    tally.seconds = started.elapsed().as_secs_f64();
    (tally, failures)
}
