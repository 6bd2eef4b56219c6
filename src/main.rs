//! The `impuls` binary: parses the command line, runs it, and turns every error into one line
//! on stderr with a non-zero exit (never a panic or a backtrace for bad input).

mod cli;

use clap::Parser;

fn main() {
    let parsed = cli::Cli::parse();
    match cli::run(parsed) {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
