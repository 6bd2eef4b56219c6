//! Mutations of a seed file: bytes, numbers, lines, encodings, splices. Deterministic: the same
//! generator state gives the same mutant.

/// SplitMix64: small, fast, and the same stream on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n` ≥ 1).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Values that break parsers: non-finite, signed zero, overflowing floats and integers, header
/// counts far beyond the file, empty and non-numeric tokens.
const EDGE_VALUES: &[&str] = &[
    "NaN",
    "nan",
    "inf",
    "-inf",
    "Infinity",
    "-0",
    "0",
    "-1",
    "1e308",
    "-1e308",
    "1e309",
    "1e-400",
    "4.9e-324",
    "18446744073709551616",
    "9223372036854775807",
    "-9223372036854775808",
    "4294967295",
    "4294967296",
    "1000000000",
    "999999999999",
    "0.5",
    "1e5",
    "",
    "null",
    "true",
    "\"\"",
    "1,5",
    "0x10",
    "+7",
    "1_000",
    "99999999999999999999999999999999999999999999999999",
];

/// Bytes that carry structure in the formats read (separators, quotes, brackets, signs) or
/// break encodings.
const INTERESTING_BYTES: &[u8] = &[
    b',', b'\n', b'\r', b'\t', b' ', b'"', b'\'', b':', b';', b'{', b'}', b'[', b']', b'-', b'.',
    b'e', b'0', b'1', b'9', b'#', b'\\', 0x00, 0xff, 0xc3, 0xfc, 0x80, 0xe2,
];

/// The operations a mutant is built from, named for the failure reports.
const OPERATIONS: &[&str] = &[
    "flip-bit",
    "set-byte",
    "insert-byte",
    "delete-byte",
    "delete-chunk",
    "duplicate-chunk",
    "splice",
    "number",
    "number",
    "number",
    "truncate",
    "duplicate-line",
    "delete-line",
    "swap-lines",
    "line-endings",
    "bad-utf8",
    "bom",
    "empty-token",
    "long-token",
];

/// Largest mutant: duplications must not grow inputs without bound.
const MAX_LEN: usize = 1 << 20;

/// Applies 1–4 random operations to `data` (`donors`: other seed files to splice from) and
/// returns their names.
pub fn mutate(rng: &mut Rng, data: &mut Vec<u8>, donors: &[&[u8]]) -> Vec<&'static str> {
    let n = 1 + rng.below(4);
    let mut names = Vec::with_capacity(n);
    for _ in 0..n {
        let op = *rng.pick(OPERATIONS);
        apply(rng, op, data, donors);
        names.push(op);
    }
    data.truncate(MAX_LEN);
    names
}

fn apply(rng: &mut Rng, op: &str, data: &mut Vec<u8>, donors: &[&[u8]]) {
    let len = data.len();
    let at = rng.below(len + 1);
    match op {
        "flip-bit" if len > 0 => data[at.min(len - 1)] ^= 1 << rng.below(8),
        "set-byte" if len > 0 => data[at.min(len - 1)] = *rng.pick(INTERESTING_BYTES),
        "insert-byte" => data.insert(at, *rng.pick(INTERESTING_BYTES)),
        "delete-byte" if len > 0 => {
            data.remove(at.min(len - 1));
        }
        "delete-chunk" => {
            let end = (at + 1 + rng.below(64)).min(len);
            data.drain(at..end);
        }
        "duplicate-chunk" => {
            let end = (at + 1 + rng.below(256)).min(len);
            let chunk = data[at..end].to_vec();
            let to = rng.below(len + 1);
            data.splice(to..to, chunk);
        }
        "splice" if !donors.is_empty() => {
            let donor = *rng.pick(donors);
            let from = rng.below(donor.len() + 1);
            let end = (from + 1 + rng.below(512)).min(donor.len());
            let end_here = (at + rng.below(512)).min(len);
            data.splice(at..end_here, donor[from..end].iter().copied());
        }
        "number" => replace_number(rng, data),
        "truncate" => data.truncate(at),
        "duplicate-line" | "delete-line" | "swap-lines" => edit_lines(rng, op, data),
        "line-endings" => *data = line_endings(rng, data),
        "bad-utf8" => {
            let bad: &[&[u8]] = &[b"\xff", b"\xc3", b"\xfc", b"\xe2\x82", b"\xed\xa0\x80"];
            data.splice(at..at, rng.pick(bad).iter().copied());
        }
        "bom" => {
            data.splice(0..0, "\u{feff}".bytes());
        }
        "empty-token" | "long-token" => {
            let Some((start, end)) = token_at(data, at) else {
                return;
            };
            let with: Vec<u8> = if op == "empty-token" {
                Vec::new()
            } else {
                let unit = *rng.pick(&["A", "9", "\u{e4}", ",", "\""]);
                unit.repeat(1 + rng.below(20_000)).into_bytes()
            };
            data.splice(start..end, with);
        }
        _ => {}
    }
}

/// Replaces one number of `data` (a run of digits with its sign, point and exponent) by an
/// edge value.
fn replace_number(rng: &mut Rng, data: &mut Vec<u8>) {
    let starts: Vec<usize> = (0..data.len())
        .filter(|&k| data[k].is_ascii_digit() && (k == 0 || !is_number_byte(data[k - 1])))
        .collect();
    if starts.is_empty() {
        return;
    }
    let mut start = *rng.pick(&starts);
    if start > 0 && matches!(data[start - 1], b'-' | b'+') {
        start -= 1;
    }
    let mut end = start + 1;
    while end < data.len() && is_number_byte(data[end]) {
        end += 1;
    }
    let value = rng.pick(EDGE_VALUES).as_bytes().to_vec();
    data.splice(start..end, value);
}

fn is_number_byte(b: u8) -> bool {
    b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-')
}

/// The token around `at`: the bytes between separators (space, tab, comma, semicolon, colon,
/// quotes, brackets, line ends).
fn token_at(data: &[u8], at: usize) -> Option<(usize, usize)> {
    let sep = |b: u8| b" \t,;:\"[]{}\r\n".contains(&b);
    if data.is_empty() {
        return None;
    }
    let at = at.min(data.len() - 1);
    let start = (0..at).rev().find(|&k| sep(data[k])).map_or(0, |k| k + 1);
    let end = (at..data.len())
        .find(|&k| sep(data[k]))
        .unwrap_or(data.len());
    (start < end).then_some((start, end))
}

fn edit_lines(rng: &mut Rng, op: &str, data: &mut Vec<u8>) {
    let mut lines: Vec<Vec<u8>> = data.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
    let k = rng.below(lines.len());
    match op {
        "duplicate-line" => {
            let copies = if rng.below(8) == 0 {
                1 + rng.below(50)
            } else {
                1
            };
            for _ in 0..copies {
                lines.insert(k, lines[k].clone());
            }
        }
        "delete-line" if lines.len() > 1 => {
            lines.remove(k);
        }
        "swap-lines" => {
            let l = rng.below(lines.len());
            lines.swap(k, l);
        }
        _ => {}
    }
    *data = lines.join(&b'\n');
}

/// `\n` → `\r\n`, `\r\n` → `\n`, or `\n` → `\r` (old Mac).
fn line_endings(rng: &mut Rng, data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() + data.len() / 16);
    let mode = rng.below(3);
    let mut k = 0;
    while k < data.len() {
        match (mode, data[k]) {
            (0, b'\n') => out.extend_from_slice(b"\r\n"),
            (1, b'\r') if data.get(k + 1) == Some(&b'\n') => {}
            (2, b'\n') => out.push(b'\r'),
            (_, b) => out.push(b),
        }
        k += 1;
    }
    out
}
