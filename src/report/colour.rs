//! Colours of the report: sequential scales and the few signal colours.
//!
//! The signal colours are chosen to appear nowhere else on the page, so a screenshot test can
//! find the map and the chart by their background colours and check the markers inside.

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb`.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// Parses `#rrggbb`.
    ///
    /// ```
    /// use impuls::report::colour::Rgb;
    /// assert_eq!(Rgb::parse("#d62728"), Some(Rgb(214, 39, 40)));
    /// ```
    pub fn parse(s: &str) -> Option<Rgb> {
        let h = s.strip_prefix('#')?;
        if h.len() != 6 {
            return None;
        }
        let byte = |k: usize| u8::from_str_radix(h.get(k..k + 2)?, 16).ok();
        Some(Rgb(byte(0)?, byte(2)?, byte(4)?))
    }

    /// Linear interpolation between `self` (t = 0) and `other` (t = 1).
    fn mix(self, other: Rgb, t: f64) -> Rgb {
        let c = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
        Rgb(c(self.0, other.0), c(self.1, other.1), c(self.2, other.2))
    }
}

/// A sequential colour scale: evenly spaced stops, interpolated linearly.
#[derive(Debug, Clone, Copy)]
pub struct Scale {
    stops: &'static [Rgb],
}

impl Scale {
    /// Colour at `t` in `[0, 1]` (clamped; NaN gives [`MISSING`]).
    pub fn at(&self, t: f64) -> Rgb {
        if t.is_nan() {
            return MISSING;
        }
        let t = t.clamp(0.0, 1.0) * (self.stops.len() - 1) as f64;
        let k = (t.floor() as usize).min(self.stops.len() - 2);
        self.stops[k].mix(self.stops[k + 1], t - k as f64)
    }

    /// The stops, for SVG gradients: (offset in `[0, 1]`, colour).
    pub fn stops(&self) -> impl Iterator<Item = (f64, Rgb)> + '_ {
        let n = (self.stops.len() - 1) as f64;
        self.stops
            .iter()
            .enumerate()
            .map(move |(k, &c)| (k as f64 / n, c))
    }
}

/// Minutes on the map: light yellow (near) to dark blue (far), after ColorBrewer YlGnBu.
pub const MINUTES: Scale = Scale {
    stops: &[
        Rgb(0xff, 0xff, 0xcc),
        Rgb(0xc7, 0xe9, 0xb4),
        Rgb(0x7f, 0xcd, 0xbb),
        Rgb(0x41, 0xb6, 0xc4),
        Rgb(0x1d, 0x91, 0xc0),
        Rgb(0x22, 0x5e, 0xa8),
        Rgb(0x0c, 0x2c, 0x84),
    ],
};

/// The third objective in the Pareto chart: after ColorBrewer YlOrBr (no pure reds).
pub const THIRD: Scale = Scale {
    stops: &[
        Rgb(0xff, 0xf7, 0xbc),
        Rgb(0xfe, 0xc4, 0x4f),
        Rgb(0xec, 0x70, 0x14),
        Rgb(0x99, 0x34, 0x04),
        Rgb(0x4a, 0x1c, 0x06),
    ],
};

/// A place without a value.
pub const MISSING: Rgb = Rgb(0xbd, 0xbd, 0xbd);

/// The status quo marker in the Pareto chart (used nowhere else).
pub const STATUS_QUO: Rgb = Rgb(0xd6, 0x27, 0x28);

/// Proposal points in the Pareto chart (two objectives).
pub const PROPOSAL: Rgb = Rgb(0x2b, 0x59, 0x9e);

/// The ring around the selected proposal in the chart.
pub const SELECTED: Rgb = Rgb(0xf0, 0x8c, 0x00);

/// Background of the map frame (used nowhere else).
pub const MAP_BG: Rgb = Rgb(0xf1, 0xf3, 0xee);

/// Background of the chart's plot area (used nowhere else).
pub const CHART_BG: Rgb = Rgb(0xf7, 0xf8, 0xfb);

/// Partner towns on the map.
pub const PARTNER: Rgb = Rgb(0x1b, 0x1f, 0x2a);

/// External Oberzentren on the map.
pub const EXTERNAL: Rgb = Rgb(0x5b, 0x4a, 0x8a);

/// The ring around places beyond the ÖPNV reach on the map (used nowhere else).
pub const PT_BEYOND: Rgb = Rgb(0x7a, 0x01, 0x77);

/// Towns in the bars of the robust decisions (after Okabe & Ito, without their red), in town
/// order; more towns repeat the palette.
pub const TOWNS: [Rgb; 7] = [
    Rgb(0x00, 0x72, 0xb2),
    Rgb(0xe6, 0x9f, 0x00),
    Rgb(0x00, 0x9e, 0x73),
    Rgb(0xcc, 0x79, 0xa7),
    Rgb(0x56, 0xb4, 0xe9),
    Rgb(0xf0, 0xe4, 0x42),
    Rgb(0x99, 0x99, 0x99),
];

/// Functions served from outside the region, in the bars of the robust decisions.
pub const OUTSIDE: Rgb = Rgb(0xd9, 0xd9, 0xd9);
