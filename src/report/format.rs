//! Text helpers for the report: HTML escaping and German number formatting.

/// The thousands separator: a no-break space, so that `12 345,6` never wraps.
const THOUSANDS: char = '\u{a0}';

/// Escapes `&`, `<`, `>`, `"` and `'`, so the result is safe in text and in quoted attributes.
///
/// ```
/// assert_eq!(impuls::report::format::escape("A<&>\"'"), "A&lt;&amp;&gt;&quot;&#39;");
/// ```
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Formats `v` German-style with `decimals` decimals: `−12 345,6` (no-break space between
/// thousands, decimal comma, typographic minus). Non-finite values become `–`.
///
/// ```
/// use impuls::report::format::number;
/// assert_eq!(number(12345.64, 1), "12\u{a0}345,6");
/// assert_eq!(number(-0.04, 1), "0,0");
/// assert_eq!(number(-1500.0, 0), "\u{2212}1\u{a0}500");
/// ```
pub fn number(v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return "–".to_string();
    }
    let plain = format!("{:.*}", decimals, v.abs());
    let (int, frac) = match plain.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (plain.as_str(), None),
    };
    let mut out = String::new();
    let is_zero = plain.chars().all(|c| c == '0' || c == '.');
    if v < 0.0 && !is_zero {
        out.push('\u{2212}');
    }
    out.push_str(&group_thousands(int));
    if let Some(f) = frac {
        out.push(',');
        out.push_str(f);
    }
    out
}

/// Inserts the thousands separator into a string of digits.
fn group_thousands(digits: &str) -> String {
    let n = digits.len();
    let mut out = String::with_capacity(n + n / 3 * 2);
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (n - k).is_multiple_of(3) {
            out.push(THOUSANDS);
        }
        out.push(c);
    }
    out
}

/// Decimals that show a set of values faithfully and consistently: none when every value is
/// whole or the values are large (≥ 1000), else one.
///
/// ```
/// use impuls::report::format::decimals_for;
/// assert_eq!(decimals_for([4.0, 16.0]), 0);
/// assert_eq!(decimals_for([25.2, 31.0]), 1);
/// assert_eq!(decimals_for([53_867_043.4]), 0);
/// ```
pub fn decimals_for(values: impl IntoIterator<Item = f64>) -> usize {
    let finite: Vec<f64> = values.into_iter().filter(|v| v.is_finite()).collect();
    let whole = finite.iter().all(|v| (v - v.round()).abs() < 1e-9);
    let large = finite.iter().any(|v| v.abs() >= 1000.0);
    if whole || large {
        0
    } else {
        1
    }
}

/// Signed percentage change from `base` to `v` (`+12,3 %`), or `None` when `base` is zero.
///
/// ```
/// use impuls::report::format::percent_change;
/// assert_eq!(percent_change(40.0, 50.0).unwrap(), "+25,0\u{a0}%");
/// assert_eq!(percent_change(0.0, 3.0), None);
/// ```
pub fn percent_change(base: f64, v: f64) -> Option<String> {
    if base == 0.0 || !base.is_finite() || !v.is_finite() {
        return None;
    }
    let p = (v - base) / base.abs() * 100.0;
    let sign = if p > 0.0 && number(p, 1) != "0,0" {
        "+"
    } else {
        ""
    };
    Some(format!("{sign}{}\u{a0}%", number(p, 1)))
}
