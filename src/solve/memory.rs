//! The memory budget of a solve: a model's peak size is estimated from its sparse size before it
//! is allocated, and a model over the limit is refused with the estimate instead of running the
//! machine out of memory.

use crate::error::{Error, Result};

/// Bytes per nonzero of a coverage MIP through good_lp and HiGHS (good_lp's expressions, HiGHS's
/// column- and row-wise copies, presolve, cut pool and clique table). With the other constants
/// the estimate is 0.81 GB for the 10⁶-point, R = 5 km MCLP of README "Scale" solved by HiGHS's
/// MIP (`--method compact`, peak RSS 0.61 GB), 0.45 GB for R = 2 km (0.42 GB) and 0.28 GB at 10⁴
/// points (0.22 GB).
const BYTES_PER_NONZERO: u64 = 1_500;
/// Bytes per row or column of a MIP (bounds, bases, factorisation, search data).
const BYTES_PER_LINE: u64 = 2_000;
/// Bytes per demand point held while a MIP is solved (the instance, group of each point,
/// verification, HiGHS's copies of what grows with the points).
const BYTES_PER_POINT: u64 = 300;
/// Bytes per demand point held while the Benders method runs (the instance, group of each
/// point, verification): about 170 measured at 10⁷ points.
const LP_BYTES_PER_POINT: u64 = 200;
/// Fixed part: the binary, HiGHS's scheduler and thread stacks.
const BASE: u64 = 100 << 20;

/// Physical memory in bytes (`MemTotal` of /proc/meminfo), `None` where it cannot be read.
///
/// ```
/// if let Some(bytes) = impuls::solve::memory::physical() {
///     assert!(bytes > 1 << 20);
/// }
/// ```
pub fn physical() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = text.lines().find(|l| l.starts_with("MemTotal:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// The default limit: 80 % of physical memory, or 16 GiB where that is unknown.
///
/// ```
/// assert!(impuls::solve::memory::default_limit() > 0);
/// ```
pub fn default_limit() -> u64 {
    physical().map_or(16 << 30, |b| b / 5 * 4)
}

/// Bytes per nonzero of a Benders master LP (HiGHS's LP copies and factorisation, the cut
/// store; no MIP presolve, cut pool or clique table).
const BYTES_PER_LP_NONZERO: u64 = 500;

/// Estimated peak bytes of the MCLP's Benders master with at most `lines` rows plus columns
/// and `nonzeros` entries (every coverage row as a cut), for `points` demand points: 0.48 GB
/// for the 10⁶-point, R = 5 km MCLP of README "Scale" (peak RSS 0.23 GB, 0.43 GB before the
/// result files were streamed), 0.33 GB at R = 2 km (0.18 GB, before 0.34 GB) and 2.1–2.3 GB
/// at 10⁷ points (1.71 GB, reading the file included).
///
/// ```
/// use impuls::solve::memory::{lp_bytes, mip_bytes};
/// assert!(lp_bytes(30_000, 250_000, 1_000_000) < mip_bytes(30_000, 250_000, 1_000_000));
/// ```
pub fn lp_bytes(lines: usize, nonzeros: usize, points: usize) -> u64 {
    BASE + lines as u64 * BYTES_PER_LINE
        + nonzeros as u64 * BYTES_PER_LP_NONZERO
        + points as u64 * LP_BYTES_PER_POINT
}

/// Estimated peak bytes of a MIP with `lines` rows plus columns and `nonzeros` entries, solved
/// for an instance of `points` demand points.
///
/// ```
/// let small = impuls::solve::memory::mip_bytes(1_000, 10_000, 100);
/// assert!(small < 200 << 20);
/// ```
pub fn mip_bytes(lines: usize, nonzeros: usize, points: usize) -> u64 {
    BASE + lines as u64 * BYTES_PER_LINE
        + nonzeros as u64 * BYTES_PER_NONZERO
        + points as u64 * BYTES_PER_POINT
}

/// Refuses `what` when `estimate` exceeds `limit` (bytes), naming both in GB.
///
/// ```
/// use impuls::solve::memory::check;
/// assert!(check("the MCLP model", 3 << 30, 4 << 30).is_ok());
/// let err = check("the MCLP model", 3 << 30, 1 << 30).unwrap_err().to_string();
/// assert!(err.contains("about 3.22 GB") && err.contains("limit is 1.07 GB"), "{err}");
/// ```
pub fn check(what: &str, estimate: u64, limit: u64) -> Result<()> {
    if estimate <= limit {
        return Ok(());
    }
    Err(Error::TooLarge(format!(
        "{what} needs about {} GB; the limit is {} GB (--max-memory)",
        gb(estimate),
        gb(limit)
    )))
}

/// Bytes as GB with three significant digits.
fn gb(bytes: u64) -> String {
    let v = bytes as f64 / 1e9;
    let digits = (2 - v.abs().log10().floor() as i32).clamp(0, 9) as usize;
    format!("{v:.digits$}")
}
