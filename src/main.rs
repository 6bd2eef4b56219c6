//! The `impuls` binary: parses the command line, runs it, and turns every error into one line
//! on stderr with a non-zero exit (never a panic or a backtrace for bad input).

mod cli;

use clap::Parser;

fn main() {
    // Behave like other Unix tools when the reader of stdout goes away (`impuls … | head`):
    // end quietly instead of panicking on a failed print.
    #[cfg(unix)]
    // SAFETY: restoring the default disposition of SIGPIPE before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let parsed = cli::Cli::parse();
    match cli::run(parsed) {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
