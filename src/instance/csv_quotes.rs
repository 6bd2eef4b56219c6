//! A CSV text that ends inside a quoted field was cut off: the `csv` crate ends the record at
//! the end of the input without an error, so a file truncated in its last, quoted column (the
//! `source` column of the Harz catalogue, where most of its bytes are) would be read as a
//! shorter, valid file. This scan follows the `csv` crate's quoting rules (RFC 4180 with `""`
//! as an escaped quote; a quote opens a quoted field only as the field's first byte; comment
//! lines only where a record starts) and reports where the unclosed field began.

use crate::error::{Error, Result};
use std::path::Path;

/// Refuses `text` when it ends inside a quoted field, naming the row (line) where that field
/// opened. `comment` is the reader's comment byte, if it has one.
///
/// ```
/// # use impuls::instance::csv_quotes::check_closed_quotes;
/// # use std::path::Path;
/// let path = Path::new("towns.csv");
/// assert!(check_closed_quotes(b"id,source\na,\"S1, S2\"\n", path, None).is_ok());
/// let cut = check_closed_quotes(b"id,source\na,\"S1\"\nb,\"S1, S", path, None).unwrap_err();
/// assert_eq!(cut.to_string(), "towns.csv: row 3: a quoted field is not closed before the end of the file (truncated?)");
/// ```
pub fn check_closed_quotes(text: &[u8], path: &Path, comment: Option<u8>) -> Result<()> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        RecordStart,
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
        Comment,
    }
    let mut state = State::RecordStart;
    let (mut line, mut opened) = (1usize, 0usize);
    for &b in text {
        state = match (state, b) {
            (State::Quoted, b'"') => State::QuoteInQuoted,
            (State::Quoted, _) => State::Quoted,
            (State::QuoteInQuoted, b'"') => State::Quoted,
            (State::Comment, b'\n') => State::RecordStart,
            (State::Comment, _) => State::Comment,
            (State::RecordStart, c) if Some(c) == comment => State::Comment,
            (_, b'\n' | b'\r') => State::RecordStart,
            (_, b',') => State::FieldStart,
            (State::RecordStart | State::FieldStart, b'"') => {
                opened = line;
                State::Quoted
            }
            _ => State::Unquoted,
        };
        if b == b'\n' {
            line += 1;
        }
    }
    if state == State::Quoted {
        return Err(Error::input(
            path,
            format!("row {opened}"),
            "a quoted field is not closed before the end of the file (truncated?)",
        ));
    }
    Ok(())
}
