//! Ctrl-C for long runs: the first Ctrl-C asks every running HiGHS solve to stop at its next
//! check and return its incumbent (reported as `interrupted`); results found so far are kept.

use std::sync::atomic::{AtomicBool, Ordering};

static REQUESTED: AtomicBool = AtomicBool::new(false);

/// Installs the Ctrl-C handler (idempotent; a second Ctrl-C exits at once with status 130).
pub fn install_handler() {
    static INSTALLED: AtomicBool = AtomicBool::new(false);
    if INSTALLED.swap(true, Ordering::SeqCst) {
        return;
    }
    let _ = ctrlc::set_handler(|| {
        if REQUESTED.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
        eprintln!("\ninterrupt: stopping after the current solves, keeping what was found (Ctrl-C again to abort)");
    });
}

/// Whether an interrupt was requested.
pub fn requested() -> bool {
    REQUESTED.load(Ordering::SeqCst)
}

/// Asks for an interrupt, as Ctrl-C does (used by tests and by callers with their own limits).
pub fn request() {
    REQUESTED.store(true, Ordering::SeqCst);
}

/// Clears a request (tests).
pub fn reset() {
    REQUESTED.store(false, Ordering::SeqCst);
}

unsafe extern "C" fn callback(
    kind: std::os::raw::c_int,
    _message: *const std::os::raw::c_char,
    _out: *const highs_sys::HighsCallbackDataOut,
    data_in: *mut highs_sys::HighsCallbackDataIn,
    _user: *mut std::os::raw::c_void,
) {
    if kind == highs_sys::kHighsCallbackMipInterrupt as std::os::raw::c_int
        && requested()
        && !data_in.is_null()
    {
        // SAFETY: HiGHS passes a valid, writable HighsCallbackDataIn for interrupt callbacks.
        unsafe { (*data_in).user_interrupt = 1 };
    }
}

/// Registers the interrupt callback on a model about to be solved.
pub(crate) fn attach(model: &mut highs::Model) {
    // SAFETY: the pointer is the live HiGHS instance owned by `model`; the callback is a plain
    // function that only reads a static flag and writes the field HiGHS provides for it.
    unsafe {
        let ptr = model.as_mut_ptr();
        highs_sys::Highs_setCallback(ptr, Some(callback), std::ptr::null_mut());
        highs_sys::Highs_startCallback(ptr, highs_sys::kHighsCallbackMipInterrupt);
    }
}
