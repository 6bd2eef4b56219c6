//! The one error type of impuls.
//!
//! Every variant renders as a single line that names the file, the row or the field and what is
//! wrong, because the CLI prints exactly that line and exits non-zero (no panic, no backtrace).
//! Line breaks inside a field (quoted from the input) are escaped when displayed.
//!
//! ```
//! let e = impuls::Error::input("a.json", "line 1, column 9", "unknown field `x\ny`");
//! assert_eq!(e.to_string(), "a.json: line 1, column 9: unknown field `x\\ny`");
//! ```

use std::path::Path;

/// Everything that can go wrong between reading an instance and writing a result.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be opened, read or written.
    #[error("{}: {}", OneLine(.path), OneLine(.message))]
    Io { path: String, message: String },

    /// A file was read but its content is malformed or invalid at a known place.
    /// `place` is e.g. `row 7`, `line 3`, `feature 2`, `field "weight"`.
    #[error("{}: {}: {}", OneLine(.path), OneLine(.place), OneLine(.message))]
    Input {
        path: String,
        place: String,
        message: String,
    },

    /// A parameter of the run (p, radius, objective names, …) does not fit the instance.
    #[error("{}", OneLine(.0))]
    Parameter(String),

    /// The problem has no feasible solution; the message says why where that is known.
    #[error("infeasible: {}", OneLine(.0))]
    Infeasible(String),

    /// HiGHS failed or returned something unusable.
    #[error("solver: {}", OneLine(.0))]
    Solver(String),

    /// An independent re-check of a solution disagreed with what the solver reported.
    #[error("verification failed: {}", OneLine(.0))]
    Verification(String),

    /// The run would need more memory than is sensible; the estimate is in the message.
    #[error("too large: {}", OneLine(.0))]
    TooLarge(String),
}

/// Displays text with its line breaks escaped (`\n`, `\r`, …), so that a message quoting the
/// input — a JSON key with an escaped newline, a file name, a CSV field — still renders as one
/// line.
struct OneLine<'a>(&'a str);

impl std::fmt::Display for OneLine<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let breaks = |c: char| {
            matches!(
                c,
                '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}'
            )
        };
        if !self.0.contains(breaks) {
            return f.write_str(self.0);
        }
        for c in self.0.chars() {
            if breaks(c) {
                write!(f, "{}", c.escape_default())?;
            } else {
                write!(f, "{c}")?;
            }
        }
        Ok(())
    }
}

/// A number for a message: as written for ordinary magnitudes, in scientific notation beyond
/// them (`1e300`, not three hundred digits).
///
/// ```
/// use impuls::error::number;
/// assert_eq!((number(95.0), number(-0.5), number(1e300), number(-1e-300)), ("95".into(), "-0.5".into(), "1e300".into(), "-1e-300".into()));
/// ```
pub fn number(v: f64) -> String {
    if v != 0.0 && v.is_finite() && !(1e-6..1e16).contains(&v.abs()) {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}

/// At most 40 characters of quoted input for a message, with `…` where it was cut.
///
/// ```
/// use impuls::error::excerpt;
/// assert_eq!(excerpt("Wernigerode"), "Wernigerode");
/// assert_eq!(excerpt(&"A".repeat(20_000)).chars().count(), 41);
/// ```
pub fn excerpt(text: &str) -> String {
    const MAX: usize = 40;
    match text.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// Result alias used across the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An I/O error on `path`, with the OS message.
    pub fn io(path: impl AsRef<Path>, err: std::io::Error) -> Self {
        Error::Io {
            path: path.as_ref().display().to_string(),
            message: err.to_string(),
        }
    }

    /// A content error at `place` (e.g. `row 4`) of `path`.
    pub fn input(
        path: impl AsRef<Path>,
        place: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Error::Input {
            path: path.as_ref().display().to_string(),
            place: place.into(),
            message: message.into(),
        }
    }
}
