//! The inline SVG map: places as population-scaled circles coloured by minutes, the candidate
//! towns, the external Oberzentren, a scale bar and a legend.
//!
//! Projection: equirectangular, longitudes scaled by cos(mean latitude), fitted to the
//! bounding box of places and towns (external Oberzentren join the box when they are near,
//! else they are drawn at the edge with an arrow).

use super::colour::{self, Rgb};
use super::format::{escape, number};
use super::view;
use crate::pareto::proposal::{Proposal, ProposalSet, TownInfo};
use std::fmt::Write;

/// Width of the map in SVG units.
const WIDTH: f64 = 800.0;
/// Inner margin of the map frame (room for labels).
const MARGIN: f64 = 44.0;
/// Height of the legend strip below the frame.
const LEGEND_H: f64 = 104.0;
/// External Oberzentren within the region's box grown by this share of its extent on every
/// side are drawn in place; farther ones get an arrow at the edge (keeps the region large).
const NEAR_EXTERNAL: f64 = 0.25;
/// Mean Earth radius in km (as `geo::Haversine`).
const EARTH_KM: f64 = 6371.0088;

/// The range of minutes the colour scale spans (common to all proposals, so colours compare).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MinuteRange {
    /// Minutes at the light end.
    pub lo: f64,
    /// Minutes at the dark end.
    pub hi: f64,
}

impl MinuteRange {
    /// Spans every finite `place_minutes` of the status quo and all proposals, rounded outwards
    /// to whole 5 minutes.
    pub fn of(set: &ProposalSet) -> MinuteRange {
        MinuteRange::over(view::everything(set).flat_map(|p| p.place_minutes.iter().copied()))
    }

    /// The same for `place_minutes_pt`, if the set has ÖPNV times (its own scale: ÖPNV times
    /// are much longer than car times).
    pub fn of_pt(set: &ProposalSet) -> Option<MinuteRange> {
        set.status_quo.place_minutes_pt.as_ref()?;
        Some(MinuteRange::over(
            view::everything(set).flat_map(|p| p.place_minutes_pt.iter().flatten().copied()),
        ))
    }

    /// Spans the finite values of `all`, rounded outwards to whole 5 minutes.
    fn over(all: impl Iterator<Item = f64>) -> MinuteRange {
        let (lo, hi) = all
            .filter(|m| m.is_finite())
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), m| {
                (lo.min(m), hi.max(m))
            });
        if !lo.is_finite() {
            return MinuteRange { lo: 0.0, hi: 60.0 };
        }
        let lo = (lo / 5.0).floor() * 5.0;
        let hi = ((hi / 5.0).ceil() * 5.0).max(lo + 5.0);
        MinuteRange { lo, hi }
    }

    /// Colour of `minutes`.
    pub fn colour(&self, minutes: f64) -> Rgb {
        colour::MINUTES.at((minutes - self.lo) / (self.hi - self.lo))
    }
}

/// The colour scales of the map: car, and ÖPNV when the set has ÖPNV times.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ranges {
    /// Car minutes.
    pub car: MinuteRange,
    /// ÖPNV minutes.
    pub pt: Option<MinuteRange>,
}

impl Ranges {
    /// The scales of `set`.
    pub fn of(set: &ProposalSet) -> Ranges {
        Ranges {
            car: MinuteRange::of(set),
            pt: MinuteRange::of_pt(set),
        }
    }
}

/// The fill colour (`#rrggbb`) of every place (instance order) under proposal `p`.
pub fn place_colours(set: &ProposalSet, p: &Proposal, range: MinuteRange) -> Vec<String> {
    (0..set.places.len())
        .map(|i| range.colour(minutes_at(p, i)).hex())
        .collect()
}

/// The same by ÖPNV (`None` when `p` has no ÖPNV minutes or the set no ÖPNV scale).
pub fn place_colours_pt(set: &ProposalSet, p: &Proposal, ranges: Ranges) -> Option<Vec<String>> {
    let (minutes, range) = (p.place_minutes_pt.as_ref()?, ranges.pt?);
    Some(
        (0..set.places.len())
            .map(|i| {
                range
                    .colour(minutes.get(i).copied().unwrap_or(f64::NAN))
                    .hex()
            })
            .collect(),
    )
}

/// Minutes of place `i` in `p` (NaN when missing).
fn minutes_at(p: &Proposal, i: usize) -> f64 {
    p.place_minutes.get(i).copied().unwrap_or(f64::NAN)
}

/// Tooltip of a place: name, inhabitants, minutes.
pub fn place_title(name: &str, population: f64, minutes: f64) -> String {
    format!(
        "{name} – {} Einw. – Ø {} min",
        number(population, 0),
        number(minutes, 1)
    )
}

/// The second label line of a town under proposal `p`: functions and size points.
pub fn town_sublabel(set: &ProposalSet, p: &Proposal, town: &str) -> String {
    let count = super::view::function_count(set, p, town);
    match p.towns.iter().find(|s| s.town == town) {
        Some(s) => match s.capacity {
            Some(c) => format!(
                "{count} Fkt. · {} / {} Pkt.",
                number(s.size_points, 0),
                number(c, 0)
            ),
            None => format!("{count} Fkt. · {} Pkt.", number(s.size_points, 0)),
        },
        None => format!("{count} Fkt."),
    }
}

/// A lon/lat bounding box.
#[derive(Debug, Clone, Copy)]
struct BBox {
    min_lon: f64,
    max_lon: f64,
    min_lat: f64,
    max_lat: f64,
}

impl BBox {
    fn empty() -> BBox {
        BBox {
            min_lon: f64::INFINITY,
            max_lon: f64::NEG_INFINITY,
            min_lat: f64::INFINITY,
            max_lat: f64::NEG_INFINITY,
        }
    }

    fn add(&mut self, lon: f64, lat: f64) {
        if lon.is_finite() && lat.is_finite() {
            self.min_lon = self.min_lon.min(lon);
            self.max_lon = self.max_lon.max(lon);
            self.min_lat = self.min_lat.min(lat);
            self.max_lat = self.max_lat.max(lat);
        }
    }

    fn contains(&self, lon: f64, lat: f64) -> bool {
        (self.min_lon..=self.max_lon).contains(&lon) && (self.min_lat..=self.max_lat).contains(&lat)
    }

    /// The box grown by `f` times its extent on every side.
    fn grown(&self, f: f64) -> BBox {
        let (dx, dy) = (
            (self.max_lon - self.min_lon) * f,
            (self.max_lat - self.min_lat) * f,
        );
        BBox {
            min_lon: self.min_lon - dx,
            max_lon: self.max_lon + dx,
            min_lat: self.min_lat - dy,
            max_lat: self.max_lat + dy,
        }
    }

    fn is_empty(&self) -> bool {
        !(self.min_lon <= self.max_lon && self.min_lat <= self.max_lat)
    }

    /// The box, made at least `min_deg` wide and high around its centre (single points).
    fn padded(mut self, min_deg: f64) -> BBox {
        for (lo, hi) in [
            (&mut self.min_lon, &mut self.max_lon),
            (&mut self.min_lat, &mut self.max_lat),
        ] {
            if *hi - *lo < min_deg {
                let c = (*hi + *lo) / 2.0;
                *lo = c - min_deg / 2.0;
                *hi = c + min_deg / 2.0;
            }
        }
        self
    }
}

/// Equirectangular projection fitted into the frame.
#[derive(Debug, Clone, Copy)]
struct Projection {
    /// cos(mean latitude): shrinks longitudes.
    kx: f64,
    /// Pixels per degree of latitude.
    scale: f64,
    /// Frame size.
    w: f64,
    h: f64,
    /// Centre of the box in lon/lat.
    lon_c: f64,
    lat_c: f64,
}

impl Projection {
    /// Fits `b` into a frame of width [`WIDTH`], choosing a height between 420 and 720.
    fn fit(b: BBox) -> Projection {
        let lat_c = (b.min_lat + b.max_lat) / 2.0;
        let kx = lat_c.to_radians().cos();
        let (dx, dy) = ((b.max_lon - b.min_lon) * kx, b.max_lat - b.min_lat);
        let inner_w = WIDTH - 2.0 * MARGIN;
        let h = (inner_w * dy / dx + 2.0 * MARGIN).clamp(420.0, 720.0);
        let scale = (inner_w / dx).min((h - 2.0 * MARGIN) / dy);
        Projection {
            kx,
            scale,
            w: WIDTH,
            h,
            lon_c: (b.min_lon + b.max_lon) / 2.0,
            lat_c,
        }
    }

    fn xy(&self, lon: f64, lat: f64) -> (f64, f64) {
        (
            self.w / 2.0 + (lon - self.lon_c) * self.kx * self.scale,
            self.h / 2.0 - (lat - self.lat_c) * self.scale,
        )
    }

    fn inside(&self, (x, y): (f64, f64)) -> bool {
        (0.0..=self.w).contains(&x) && (0.0..=self.h).contains(&y)
    }

    /// Kilometres per SVG unit.
    fn km_per_unit(&self) -> f64 {
        EARTH_KM * std::f64::consts::PI / 180.0 / self.scale
    }
}

/// An axis-aligned rectangle in SVG units, for label collisions.
#[derive(Debug, Clone, Copy)]
struct Rect {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Rect {
    fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }
}

/// Approximate width of `text` at `font_px`.
fn text_width(text: &str, font_px: f64) -> f64 {
    text.chars().count() as f64 * font_px * 0.56
}

/// Renders the map (`<svg id="map" data-mode="car">`) coloured by the car minutes of
/// `selected`; with ÖPNV times it also holds the (hidden) ÖPNV legend and the rings of places
/// beyond the ÖPNV reach, which the page's script shows when the mode is switched.
pub fn render(set: &ProposalSet, selected: &Proposal, ranges: Ranges) -> String {
    let range = ranges.car;
    let (proj, near_external) = layout(set);
    let radii = radii(set, &proj);
    let mut svg = String::new();
    let total_h = proj.h + LEGEND_H;
    let _ = write!(
        svg,
        r#"<svg id="map" data-mode="car" viewBox="0 0 {w} {th:.0}" width="{w}" height="{th:.0}" role="img" aria-label="Karte der Region mit mittlerer Fahrzeit je Ort" font-family="inherit">"#,
        w = WIDTH,
        th = total_h
    );
    svg.push_str(&defs());
    let _ = write!(
        svg,
        r##"<rect class="map-bg" x="0" y="0" width="{}" height="{:.0}" fill="{}"/>"##,
        proj.w,
        proj.h,
        colour::MAP_BG.hex()
    );
    svg.push_str(&places_layer(set, selected, range, &proj, &radii));
    if ranges.pt.is_some() {
        svg.push_str(&pt_beyond_layer(set, &proj, &radii));
    }
    let circles: Vec<(f64, f64, f64)> = set
        .places
        .iter()
        .zip(&radii)
        .map(|(p, &r)| {
            let (x, y) = proj.xy(p.lon, p.lat);
            (x, y, r)
        })
        .collect();
    let externals = external_marks(set, &near_external, &proj, &circles);
    let mut obstacles = town_label_boxes(set, &proj);
    obstacles.extend(externals.iter().map(ExternalMark::label_rect));
    svg.push_str(&place_labels(set, &proj, &radii, &obstacles));
    svg.push_str(r#"<g class="external">"#);
    svg.extend(externals.iter().map(ExternalMark::svg));
    svg.push_str("</g>");
    svg.push_str(&towns_layer(set, selected, &proj));
    svg.push_str(&scale_bar(&proj));
    svg.push_str(&north_arrow(&proj));
    svg.push_str(&legend(set, ranges, &radii, proj.h));
    svg.push_str("</svg>");
    svg
}

/// The projection, and which external Oberzentren lie on the map (the others get arrows).
fn layout(set: &ProposalSet) -> (Projection, Vec<(&TownInfo, bool)>) {
    let mut region = BBox::empty();
    for p in &set.places {
        region.add(p.lon, p.lat);
    }
    for t in &set.towns {
        region.add(t.lon, t.lat);
    }
    if region.is_empty() {
        for t in &set.external {
            region.add(t.lon, t.lat);
        }
    }
    if region.is_empty() {
        region.add(11.0, 51.8);
    }
    let region = region.padded(0.05);
    let near_enough = region.grown(NEAR_EXTERNAL);
    let mut bbox = region;
    let mut externals = Vec::new();
    for t in &set.external {
        let near = near_enough.contains(t.lon, t.lat);
        if near {
            bbox.add(t.lon, t.lat);
        }
        externals.push((t, near));
    }
    (Projection::fit(bbox), externals)
}

/// Circle radius of every place: area proportional to population.
fn radii(set: &ProposalSet, proj: &Projection) -> Vec<f64> {
    let max_pop = set.places.iter().map(|p| p.population).fold(0.0, f64::max);
    let r_max = max_radius(set.places.len(), proj);
    set.places
        .iter()
        .map(|p| {
            if max_pop > 0.0 {
                (r_max * (p.population.max(0.0) / max_pop).sqrt()).max(2.5)
            } else {
                4.0
            }
        })
        .collect()
}

/// Radius of the most populous place: about a third of the mean spacing of `n` places in the
/// frame, between 10 and 32.
fn max_radius(n: usize, proj: &Projection) -> f64 {
    (0.3 * (proj.w * proj.h / n.max(1) as f64).sqrt()).clamp(10.0, 32.0)
}

/// Gradient and marker definitions.
fn defs() -> String {
    let mut s =
        String::from(r#"<defs><linearGradient id="minutes-gradient" x1="0" x2="1" y1="0" y2="0">"#);
    for (off, c) in colour::MINUTES.stops() {
        let _ = write!(
            s,
            r##"<stop offset="{:.3}" stop-color="{}"/>"##,
            off,
            c.hex()
        );
    }
    s.push_str("</linearGradient>");
    let _ = write!(
        s,
        r#"<marker id="arrow" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{}"/></marker></defs>"#,
        colour::EXTERNAL.hex()
    );
    s
}

/// The place circles, largest first so that small places stay visible.
fn places_layer(
    set: &ProposalSet,
    selected: &Proposal,
    range: MinuteRange,
    proj: &Projection,
    radii: &[f64],
) -> String {
    let mut order: Vec<usize> = (0..set.places.len()).collect();
    order.sort_by(|&a, &b| {
        set.places[b]
            .population
            .total_cmp(&set.places[a].population)
    });
    let mut s = String::from(r#"<g class="places">"#);
    for i in order {
        let p = &set.places[i];
        let (x, y) = proj.xy(p.lon, p.lat);
        let m = minutes_at(selected, i);
        let _ = write!(
            s,
            r#"<circle class="place" data-i="{i}" cx="{x:.1}" cy="{y:.1}" r="{r:.1}" fill="{fill}"><title>{title}</title></circle>"#,
            r = radii[i],
            fill = range.colour(m).hex(),
            title = escape(&place_title(&p.name, p.population, m)),
        );
    }
    s.push_str("</g>");
    s
}

/// Dashed rings around every place, hidden until the script shows those beyond the ÖPNV reach
/// of the chosen proposal.
fn pt_beyond_layer(set: &ProposalSet, proj: &Projection, radii: &[f64]) -> String {
    let mut s = String::from(r#"<g class="pt-beyond-layer">"#);
    for (i, p) in set.places.iter().enumerate() {
        let (x, y) = proj.xy(p.lon, p.lat);
        let _ = write!(
            s,
            r#"<circle class="pt-beyond" data-i="{i}" cx="{x:.1}" cy="{y:.1}" r="{:.1}" fill="none" stroke="{}" stroke-width="2.2" stroke-dasharray="4 2.5" visibility="hidden"/>"#,
            radii[i] + 3.5,
            colour::PT_BEYOND.hex()
        );
    }
    s.push_str("</g>");
    s
}

/// Where a town's two-line label goes: right of the marker, or left near the right edge.
fn town_label_anchor(proj: &Projection, (x, y): (f64, f64), text: &str) -> (f64, f64, bool) {
    let right = x + 12.0 + text_width(text, 14.0).max(120.0) < proj.w - 4.0;
    if right {
        (x + 11.0, y + 5.0, false)
    } else {
        (x - 11.0, y + 5.0, true)
    }
}

/// Boxes covered by the town labels (for place-label collisions).
fn town_label_boxes(set: &ProposalSet, proj: &Projection) -> Vec<Rect> {
    set.towns
        .iter()
        .map(|t| {
            let (x, y) = proj.xy(t.lon, t.lat);
            let (lx, ly, left) = town_label_anchor(proj, (x, y), &t.name);
            let w = text_width(&t.name, 14.0).max(120.0);
            let (x0, x1) = if left {
                (lx - w, x + 8.0)
            } else {
                (x - 8.0, lx + w)
            };
            Rect {
                x0,
                y0: ly - 16.0,
                x1,
                y1: ly + 18.0,
            }
        })
        .collect()
}

/// Names of the largest places that do not collide with towns or each other.
fn place_labels(set: &ProposalSet, proj: &Projection, radii: &[f64], towns: &[Rect]) -> String {
    const MAX_LABELS: usize = 12;
    const FONT: f64 = 11.0;
    let town_xy: Vec<(f64, f64)> = set.towns.iter().map(|t| proj.xy(t.lon, t.lat)).collect();
    let mut order: Vec<usize> = (0..set.places.len()).collect();
    order.sort_by(|&a, &b| {
        set.places[b]
            .population
            .total_cmp(&set.places[a].population)
    });
    let mut taken: Vec<Rect> = towns.to_vec();
    let mut s = String::from(r#"<g class="place-labels">"#);
    let mut count = 0;
    for i in order {
        if count == MAX_LABELS {
            break;
        }
        let p = &set.places[i];
        let (x, y) = proj.xy(p.lon, p.lat);
        if town_xy
            .iter()
            .any(|&(tx, ty)| (tx - x).hypot(ty - y) < 16.0)
        {
            continue;
        }
        let name = view::short_place_name(&p.name);
        let w = text_width(name, FONT);
        let right = Rect {
            x0: x + radii[i] + 3.0,
            y0: y - FONT + 3.0,
            x1: x + radii[i] + 3.0 + w,
            y1: y + 5.0,
        };
        let left = Rect {
            x0: x - radii[i] - 3.0 - w,
            x1: x - radii[i] - 3.0,
            ..right
        };
        let fits =
            |r: &Rect| r.x0 >= 2.0 && r.x1 <= proj.w - 2.0 && !taken.iter().any(|t| t.overlaps(r));
        let Some((rect, anchor)) = [(right, "start"), (left, "end")]
            .into_iter()
            .find(|(r, _)| fits(r))
        else {
            continue;
        };
        let lx = if anchor == "start" { rect.x0 } else { rect.x1 };
        taken.push(rect);
        count += 1;
        let _ = write!(
            s,
            r#"<text class="halo place-label" x="{lx:.1}" y="{:.1}" text-anchor="{anchor}">{}</text>"#,
            y + 4.0,
            escape(name)
        );
    }
    s.push_str("</g>");
    s
}

/// The candidate towns: partners as dark squares, other candidates as hollow squares, each
/// with its name and (second line) what it carries in the selected proposal.
fn towns_layer(set: &ProposalSet, selected: &Proposal, proj: &Projection) -> String {
    let mut s = String::from(r#"<g class="towns">"#);
    for (k, t) in set.towns.iter().enumerate() {
        let (x, y) = proj.xy(t.lon, t.lat);
        let (size, fill, stroke) = if t.partner {
            (13.0, colour::PARTNER.hex(), "#ffffff".to_string())
        } else {
            (10.0, "#ffffff".to_string(), colour::PARTNER.hex())
        };
        let _ = write!(
            s,
            r#"<rect class="town" x="{:.1}" y="{:.1}" width="{size}" height="{size}" fill="{fill}" stroke="{stroke}" stroke-width="1.6"><title>{}</title></rect>"#,
            x - size / 2.0,
            y - size / 2.0,
            escape(&t.name)
        );
        let (lx, ly, left) = town_label_anchor(proj, (x, y), &t.name);
        let anchor = if left { "end" } else { "start" };
        let _ = write!(
            s,
            r#"<text class="halo town-label" x="{lx:.1}" y="{ly:.1}" text-anchor="{anchor}">{}</text><text class="halo town-sub" data-k="{k}" x="{lx:.1}" y="{:.1}" text-anchor="{anchor}">{}</text>"#,
            escape(&t.name),
            ly + 15.0,
            escape(&town_sublabel(set, selected, &t.id))
        );
    }
    s.push_str("</g>");
    s
}

/// How an external Oberzentrum is drawn: a double ring on the map, or an arrow at the edge
/// pointing towards it, each with a two-line label.
#[derive(Debug, Clone)]
struct ExternalMark<'a> {
    town: &'a TownInfo,
    /// The ring's centre, or the arrow head.
    at: (f64, f64),
    /// The arrow's tail, for Oberzentren beyond the frame.
    arrow_from: Option<(f64, f64)>,
    /// Baseline start of the first label line.
    label: (f64, f64),
    /// Labels end at `label` (left of it) instead of starting there.
    anchor_end: bool,
    /// Second label line.
    sub: String,
}

impl ExternalMark<'_> {
    /// The box covered by the label.
    fn label_rect(&self) -> Rect {
        let w = text_width(&self.town.name, 13.0).max(text_width(&self.sub, 10.5));
        let (x, y) = self.label;
        let (x0, x1) = if self.anchor_end {
            (x - w, x)
        } else {
            (x, x + w)
        };
        Rect {
            x0,
            y0: y - 12.0,
            x1,
            y1: y + 18.0,
        }
    }

    fn svg(&self) -> String {
        let c = colour::EXTERNAL.hex();
        let (x, y) = self.at;
        let mut s = match self.arrow_from {
            None => format!(
                r##"<circle cx="{x:.1}" cy="{y:.1}" r="7.5" fill="#ffffff" stroke="{c}" stroke-width="2.5"/><circle cx="{x:.1}" cy="{y:.1}" r="3" fill="{c}"/>"##
            ),
            Some((sx, sy)) => format!(
                r#"<line x1="{sx:.1}" y1="{sy:.1}" x2="{x:.1}" y2="{y:.1}" stroke="{c}" stroke-width="2.5" marker-end="url(#arrow)"/>"#
            ),
        };
        let (lx, ly) = self.label;
        let anchor = if self.anchor_end { "end" } else { "start" };
        let _ = write!(
            s,
            r#"<text class="halo ext-label" x="{lx:.1}" y="{ly:.1}" text-anchor="{anchor}">{}</text><text class="halo ext-sub" x="{lx:.1}" y="{:.1}" text-anchor="{anchor}">{}</text>"#,
            escape(&self.town.name),
            ly + 14.0,
            escape(&self.sub)
        );
        s
    }
}

/// Great-circle distance in km.
fn haversine_km((lon1, lat1): (f64, f64), (lon2, lat2): (f64, f64)) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let (dp, dl) = (p2 - p1, (lon2 - lon1).to_radians());
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_KM * h.sqrt().asin()
}

/// "Oberzentrum · 46 km Luftlinie bis Halberstadt" (to the nearest partner town).
fn external_sub(set: &ProposalSet, t: &TownInfo) -> String {
    let nearest = set
        .towns
        .iter()
        .filter(|c| c.partner)
        .map(|c| (haversine_km((t.lon, t.lat), (c.lon, c.lat)), c))
        .min_by(|a, b| a.0.total_cmp(&b.0));
    match nearest {
        Some((km, c)) => format!(
            "Oberzentrum · {} km Luftlinie bis {}",
            number(km, 0),
            c.name
        ),
        None => "Oberzentrum".into(),
    }
}

/// Places the marks of the external Oberzentren (`near`: inside the fitted box).
fn external_marks<'a>(
    set: &ProposalSet,
    externals: &[(&'a TownInfo, bool)],
    proj: &Projection,
    circles: &[(f64, f64, f64)],
) -> Vec<ExternalMark<'a>> {
    externals
        .iter()
        .map(|&(town, near)| {
            let (x, y) = proj.xy(town.lon, town.lat);
            let sub = external_sub(set, town);
            if near && proj.inside((x, y)) {
                let anchor_end = x > proj.w - 200.0;
                let lx = if anchor_end { x - 12.0 } else { x + 12.0 };
                return ExternalMark {
                    town,
                    at: (x, y),
                    arrow_from: None,
                    label: (lx, y + 4.0),
                    anchor_end,
                    sub,
                };
            }
            let (cx, cy) = (proj.w / 2.0, proj.h / 2.0);
            let (dx, dy) = (x - cx, y - cy);
            let inset = 22.0;
            let f = ((proj.w / 2.0 - inset) / dx.abs().max(1e-9))
                .min((proj.h / 2.0 - inset) / dy.abs().max(1e-9))
                .min(1.0);
            let (ex, ey) = (cx + dx * f, cy + dy * f);
            let len = dx.hypot(dy).max(1e-9);
            let (sx, sy) = (ex - dx / len * 30.0, ey - dy / len * 30.0);
            let anchor_end = ex > cx;
            let lx = if anchor_end { sx - 4.0 } else { sx + 4.0 };
            let mut mark = ExternalMark {
                town,
                at: (ex, ey),
                arrow_from: Some((sx, sy)),
                label: (lx, sy),
                anchor_end,
                sub,
            };
            let candidates = [sy - 22.0, sy + 16.0, sy - 48.0, sy + 42.0];
            let best = candidates
                .into_iter()
                .filter(|&ly| ly > 14.0 && ly + 18.0 < proj.h - 30.0)
                .min_by_key(|&ly| {
                    mark.label = (lx, ly);
                    circles_hit(&mark.label_rect(), circles)
                });
            mark.label = (lx, best.unwrap_or(sy));
            mark
        })
        .collect()
}

/// How many circles `(x, y, r)` touch `rect`.
fn circles_hit(rect: &Rect, circles: &[(f64, f64, f64)]) -> usize {
    circles
        .iter()
        .filter(|&&(x, y, r)| {
            let nx = x.clamp(rect.x0, rect.x1);
            let ny = y.clamp(rect.y0, rect.y1);
            (nx - x).hypot(ny - y) < r + 2.0
        })
        .count()
}

/// A scale bar in the lower left corner of the frame.
fn scale_bar(proj: &Projection) -> String {
    let km_per_unit = proj.km_per_unit();
    let target = 200.0 * km_per_unit;
    let km = [1.0, 2.0, 5.0, 10.0, 20.0, 25.0, 50.0, 100.0, 200.0, 500.0]
        .into_iter()
        .rev()
        .find(|&k| k <= target)
        .unwrap_or(1.0);
    let len = km / km_per_unit;
    let (x, y) = (16.0, proj.h - 16.0);
    format!(
        r##"<g class="scale-bar" stroke="#374151" stroke-width="1.5"><line x1="{x}" y1="{y:.1}" x2="{x2:.1}" y2="{y:.1}"/><line x1="{x}" y1="{y0:.1}" x2="{x}" y2="{y:.1}"/><line x1="{x2:.1}" y1="{y0:.1}" x2="{x2:.1}" y2="{y:.1}"/></g><text class="small-label" x="{xm:.1}" y="{yt:.1}" text-anchor="middle">{km} km</text>"##,
        x2 = x + len,
        y0 = y - 6.0,
        xm = x + len / 2.0,
        yt = y - 9.0,
        km = number(km, 0)
    )
}

/// A small north arrow in the upper right corner.
fn north_arrow(proj: &Projection) -> String {
    let (x, y) = (proj.w - 24.0, 18.0);
    format!(
        r##"<g class="north"><path d="M{x},{y} l7,20 l-7,-5 l-7,5 z" fill="#374151"/><text class="small-label" x="{x}" y="{:.1}" text-anchor="middle">N</text></g>"##,
        y + 33.0
    )
}

/// The legend strip: colour scale (car, and a hidden one for ÖPNV), circle sizes, symbols.
fn legend(set: &ProposalSet, ranges: Ranges, radii: &[f64], top: f64) -> String {
    let mut s = format!(r#"<g class="legend" transform="translate(0 {top:.0})">"#);
    s.push_str(r#"<g class="legend-mode" data-mode="car">"#);
    s.push_str(&colour_legend(
        ranges.car,
        "nach Bedeutung gewichtet, Minuten (Pkw)",
    ));
    s.push_str("</g>");
    if let Some(pt) = ranges.pt {
        s.push_str(r#"<g class="legend-mode" data-mode="pt" display="none">"#);
        s.push_str(&colour_legend(
            pt,
            "nach Bedeutung gewichtet, Minuten (ÖPNV)",
        ));
        s.push_str("</g>");
    }
    s.push_str(&size_legend(set, radii));
    s.push_str(&symbol_legend(set, ranges.pt.is_some()));
    s.push_str("</g>");
    s
}

/// Gradient bar with minute ticks; `subtitle` names the weighting and the mode.
fn colour_legend(range: MinuteRange, subtitle: &str) -> String {
    let (x, y, w, h) = (16.0, 38.0, 250.0, 13.0);
    let mut s = format!(
        r##"<text class="legend-title" x="{x}" y="20">Ø Fahrzeit zu allen Funktionen</text><text class="small-label" x="{x}" y="33">{subtitle}</text><rect x="{x}" y="{y}" width="{w}" height="{h}" fill="url(#minutes-gradient)" stroke="#9ca3af" stroke-width="0.6"/>"##
    );
    let span = range.hi - range.lo;
    for v in legend_ticks(range) {
        let tx = x + w * (v - range.lo) / span;
        let _ = write!(
            s,
            r##"<line x1="{tx:.1}" y1="{:.1}" x2="{tx:.1}" y2="{:.1}" stroke="#6b7280"/><text class="small-label" x="{tx:.1}" y="{:.1}" text-anchor="middle">{}</text>"##,
            y + h,
            y + h + 4.0,
            y + h + 16.0,
            number(v, 0)
        );
    }
    s
}

/// Legend ticks: multiples of the smallest of 5, 10, 15, 20, 25, 50, 100 minutes that gives at
/// most seven ticks in the range.
fn legend_ticks(range: MinuteRange) -> Vec<f64> {
    let span = range.hi - range.lo;
    let step = [5.0, 10.0, 15.0, 20.0, 25.0, 50.0, 100.0]
        .into_iter()
        .find(|&step| span / step <= 6.0)
        .unwrap_or(span / 4.0);
    let first = (range.lo / step).ceil() as i64;
    let last = (range.hi / step + 1e-9).floor() as i64;
    (first..=last).map(|k| k as f64 * step).collect()
}

/// Nested circles for three population sizes.
fn size_legend(set: &ProposalSet, radii: &[f64]) -> String {
    let max_pop = set.places.iter().map(|p| p.population).fold(0.0, f64::max);
    let r_max = radii.iter().copied().fold(0.0, f64::max);
    if max_pop <= 0.0 || r_max <= 0.0 {
        return String::new();
    }
    let nice = [
        500.0, 1000.0, 2000.0, 5000.0, 10000.0, 20000.0, 50000.0, 100000.0, 200000.0, 500000.0, 1e6,
    ];
    let largest = nice
        .iter()
        .copied()
        .rev()
        .find(|&v| v <= max_pop)
        .unwrap_or(max_pop);
    let mut values = vec![largest];
    for v in nice.iter().copied().rev() {
        if values.len() < 3 && v <= values[values.len() - 1] / 3.5 {
            values.push(v);
        }
    }
    let (cx, base) = (330.0, 84.0);
    let mut s = String::from(r#"<text class="legend-title" x="300" y="20">Einwohner</text>"#);
    let mut last_label_y = f64::NEG_INFINITY;
    for v in &values {
        let r = r_max * (v / max_pop).sqrt();
        let label_y = (base - 2.0 * r + 4.0).max(last_label_y + 12.0);
        last_label_y = label_y;
        let _ = write!(
            s,
            r##"<circle cx="{cx}" cy="{:.1}" r="{r:.1}" fill="none" stroke="#6b7280" stroke-width="1"/><polyline points="{cx},{:.1} {:.1},{:.1} {:.1},{:.1}" fill="none" stroke="#9ca3af" stroke-dasharray="2 2"/><text class="small-label" x="{:.1}" y="{label_y:.1}">{}</text>"##,
            base - r,
            base - 2.0 * r,
            cx + r_max + 4.0,
            base - 2.0 * r,
            cx + r_max + 12.0,
            label_y - 4.0,
            cx + r_max + 15.0,
            number(*v, 0)
        );
    }
    s
}

/// Marker explanations: partner towns, other candidates, external Oberzentren, and (shown in
/// ÖPNV mode only) the ring of places beyond the ÖPNV reach.
fn symbol_legend(set: &ProposalSet, pt: bool) -> String {
    let x = 500.0;
    let mut s = format!(
        r##"<text class="legend-title" x="{x}" y="20">Zeichen</text><rect x="{x}" y="30" width="12" height="12" fill="{p}" stroke="#ffffff"/><text class="small-label" x="{tx}" y="40">Partnerstadt (Standortkandidat)</text>"##,
        p = colour::PARTNER.hex(),
        tx = x + 20.0
    );
    let mut y = 58.0;
    if set.towns.iter().any(|t| !t.partner) {
        let _ = write!(
            s,
            r##"<rect x="{:.1}" y="{:.1}" width="10" height="10" fill="#ffffff" stroke="{p}" stroke-width="1.6"/><text class="small-label" x="{tx}" y="{:.1}">weiterer Standortkandidat</text>"##,
            x + 1.0,
            y - 9.0,
            y,
            p = colour::PARTNER.hex(),
            tx = x + 20.0
        );
        y += 18.0;
    }
    if !set.external.is_empty() {
        let c = colour::EXTERNAL.hex();
        let _ = write!(
            s,
            r##"<circle cx="{:.1}" cy="{:.1}" r="6" fill="#ffffff" stroke="{c}" stroke-width="2.2"/><circle cx="{:.1}" cy="{:.1}" r="2.4" fill="{c}"/><text class="small-label" x="{tx}" y="{:.1}">Oberzentrum außerhalb der Region</text>"##,
            x + 6.0,
            y - 4.0,
            x + 6.0,
            y - 4.0,
            y,
            tx = x + 20.0
        );
        y += 18.0;
    }
    if pt {
        let _ = write!(
            s,
            r##"<g class="legend-mode" data-mode="pt" display="none"><circle cx="{:.1}" cy="{:.1}" r="6" fill="none" stroke="{}" stroke-width="2.2" stroke-dasharray="4 2.5"/><text class="small-label" x="{tx}" y="{:.1}">mind. 1 Funktion über der ÖPNV-Schwelle</text></g>"##,
            x + 6.0,
            y - 4.0,
            colour::PT_BEYOND.hex(),
            y,
            tx = x + 20.0
        );
    }
    s
}
