//! The Pareto chart as inline SVG (`<svg id="pareto">`): proposals over the first two
//! objectives of the front (a third one as colour), the status quo as a red diamond.
//!
//! A status quo far outside the front (e.g. much worse accessibility because functions are
//! missing in the region) would squeeze the front into a corner; it is then drawn at the plot
//! edge with an arrow and its true values.

use super::colour::{self, Rgb};
use super::format::{escape, number};
use super::view::{self, maximises};
use crate::pareto::proposal::{ObjectiveInfo, Proposal, ProposalSet};
use std::fmt::Write;

/// Width of the chart in SVG units.
const WIDTH: f64 = 560.0;
/// Height of the plot part (without the colour legend of a third objective).
const HEIGHT: f64 = 430.0;
/// Extra height for the colour legend of a third objective.
const LEGEND_H: f64 = 56.0;
/// Proposals beyond this count are not all labelled.
const LABEL_ALL_UP_TO: usize = 20;

/// One numeric axis: domain, tick positions and the display factor (Tsd., Mio.).
#[derive(Debug, Clone)]
struct Axis<'a> {
    info: &'a ObjectiveInfo,
    lo: f64,
    hi: f64,
    ticks: Vec<f64>,
    factor: f64,
    factor_label: &'static str,
    decimals: usize,
}

impl<'a> Axis<'a> {
    /// An axis over `values` (the proposals), stretched to `extra` (the status quo) if that
    /// is not far away.
    fn new(info: &'a ObjectiveInfo, values: &[f64], extra: f64) -> Axis<'a> {
        let (mut lo, mut hi) = finite_range(values.iter().copied())
            .unwrap_or_else(|| finite_range([extra]).unwrap_or((0.0, 1.0)));
        let span = hi - lo;
        if extra.is_finite()
            && extra >= lo - span.max(lo.abs() * 0.05)
            && extra <= hi + span.max(hi.abs() * 0.05)
        {
            lo = lo.min(extra);
            hi = hi.max(extra);
        }
        let span = hi - lo;
        let pad = if span > 0.0 {
            span * 0.08
        } else {
            lo.abs().max(1.0) * 0.05
        };
        let (lo, hi) = (lo - pad, hi + pad);
        let step = nice_step((hi - lo) / 5.0);
        let ticks = ticks(lo, hi, step);
        let (factor, factor_label) = display_factor(lo.abs().max(hi.abs()));
        let decimals = decimals_for_step(step / factor);
        Axis {
            info,
            lo,
            hi,
            ticks,
            factor,
            factor_label,
            decimals,
        }
    }

    /// Position of `v` between pixel coordinates `p0` (at `lo`) and `p1` (at `hi`).
    fn at(&self, v: f64, p0: f64, p1: f64) -> f64 {
        p0 + (v - self.lo) / (self.hi - self.lo) * (p1 - p0)
    }

    fn contains(&self, v: f64) -> bool {
        v >= self.lo && v <= self.hi
    }

    fn tick_label(&self, v: f64) -> String {
        number(v / self.factor, self.decimals)
    }

    /// A value in the axis' display units, with the factor word (`84,2 Mio.`).
    fn value_label(&self, v: f64) -> String {
        let d = if self.factor > 1.0 {
            1
        } else {
            super::format::decimals_for([v])
        };
        format!(
            "{}{}",
            number(v / self.factor, d),
            if self.factor > 1.0 {
                format!("\u{a0}{}", self.factor_label)
            } else {
                String::new()
            }
        )
    }

    /// `Erreichbarkeit [Mio. Personenminuten] · niedriger ist besser`, without the direction
    /// (shown by the "besser" hint anyway) if that does not fit into `room` units.
    fn title(&self, room: f64) -> String {
        let unit = match (self.factor_label, self.info.unit.is_empty()) {
            ("", true) => String::new(),
            ("", false) => format!(" [{}]", self.info.unit),
            (f, _) => format!(" [{f} {}]", self.info.unit),
        };
        let full = format!(
            "{}{unit} · {}",
            self.info.label,
            view::direction_text(self.info)
        );
        if full.chars().count() as f64 * 6.9 <= room {
            full
        } else {
            format!("{}{unit}", self.info.label)
        }
    }
}

/// Smallest and largest finite value.
fn finite_range(values: impl IntoIterator<Item = f64>) -> Option<(f64, f64)> {
    values
        .into_iter()
        .filter(|v| v.is_finite())
        .fold(None, |acc, v| match acc {
            None => Some((v, v)),
            Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
        })
}

/// 1, 2, 2.5 or 5 times a power of ten, at least `raw`.
fn nice_step(raw: f64) -> f64 {
    if !(raw > 0.0 && raw.is_finite()) {
        return 1.0;
    }
    let p = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * p)
        .find(|&s| s >= raw * 0.999)
        .unwrap_or(10.0 * p)
}

/// Multiples of `step` within `[lo, hi]`.
fn ticks(lo: f64, hi: f64, step: f64) -> Vec<f64> {
    let first = (lo / step).ceil() as i64;
    let last = (hi / step).floor() as i64;
    (first..=last).take(20).map(|k| k as f64 * step).collect()
}

/// Divide large values for tick labels: millions, thousands or nothing.
fn display_factor(max_abs: f64) -> (f64, &'static str) {
    if max_abs >= 1e6 {
        (1e6, "Mio.")
    } else if max_abs >= 1e5 {
        (1e3, "Tsd.")
    } else {
        (1.0, "")
    }
}

/// Decimals needed to tell ticks `step` apart.
fn decimals_for_step(step: f64) -> usize {
    if step >= 1.0 || step <= 0.0 {
        0
    } else {
        ((-step.log10()).ceil() as usize).min(4)
    }
}

/// The plot rectangle inside the svg.
#[derive(Debug, Clone, Copy)]
struct Plot {
    x0: f64,
    x1: f64,
    y0: f64,
    y1: f64,
}

/// The objectives on x, y and (optional) colour: the front's first three; with a single
/// objective, y shows the first other evaluated objective.
fn chart_objectives(
    set: &ProposalSet,
) -> Option<(&ObjectiveInfo, &ObjectiveInfo, Option<&ObjectiveInfo>)> {
    let x = set
        .objectives
        .first()
        .or_else(|| set.all_objectives.first())?;
    let y = set
        .objectives
        .get(1)
        .or_else(|| set.all_objectives.iter().find(|o| o.name != x.name))?;
    Some((x, y, set.objectives.get(2)))
}

/// Renders the chart; `selected` gets a ring, proposals in `labelled` always get a label.
pub fn render(set: &ProposalSet, selected: &Proposal, labelled: &[&str]) -> String {
    let Some((xo, yo, co)) = chart_objectives(set) else {
        return format!(
            r#"<svg id="pareto" viewBox="0 0 {WIDTH} 80" width="{WIDTH}" height="80"><text x="10" y="40">Keine Zielgrößen angegeben.</text></svg>"#
        );
    };
    let xs: Vec<f64> = set
        .proposals
        .iter()
        .map(|p| view::value(p, &xo.name))
        .collect();
    let ys: Vec<f64> = set
        .proposals
        .iter()
        .map(|p| view::value(p, &yo.name))
        .collect();
    let sq = &set.status_quo;
    let xa = Axis::new(xo, &xs, view::value(sq, &xo.name));
    let ya = Axis::new(yo, &ys, view::value(sq, &yo.name));
    let left = 34.0
        + ya.ticks
            .iter()
            .map(|&t| ya.tick_label(t).chars().count())
            .max()
            .unwrap_or(1) as f64
            * 6.8;
    let plot = Plot {
        x0: left,
        x1: WIDTH - 22.0,
        y0: 16.0,
        y1: HEIGHT - 58.0,
    };
    let total_h = if co.is_some() {
        HEIGHT + LEGEND_H
    } else {
        HEIGHT
    };
    let mut s = format!(
        r#"<svg id="pareto" viewBox="0 0 {WIDTH} {total_h}" width="{WIDTH}" height="{total_h}" role="img" aria-label="Pareto-Front der Vorschläge" font-family="inherit">"#
    );
    let _ = write!(
        s,
        r#"<rect class="plot-bg" x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{}"/>"#,
        plot.x0,
        plot.y0,
        plot.x1 - plot.x0,
        plot.y1 - plot.y0,
        colour::CHART_BG.hex()
    );
    s.push_str(&grid_and_axes(&xa, &ya, plot));
    s.push_str(&better_hint(xo, yo, plot));
    let third = co.map(|c| ThirdScale::new(set, c));
    if set.proposals.is_empty() {
        let _ = write!(
            s,
            r##"<text class="small-label" x="{:.1}" y="{:.1}" text-anchor="middle">Keine Vorschläge gefunden.</text>"##,
            (plot.x0 + plot.x1) / 2.0,
            (plot.y0 + plot.y1) / 2.0
        );
    }
    let pos = |p: &Proposal| point_position(&xa, &ya, plot, p);
    if third.is_none() {
        s.push_str(&front_line(set, &pos));
    }
    let (sel_x, sel_y) = pos(selected).0;
    let _ = write!(
        s,
        r#"<circle id="pareto-sel" cx="{sel_x:.1}" cy="{sel_y:.1}" r="11.5" fill="none" stroke="{}" stroke-width="3"/>"#,
        colour::SELECTED.hex()
    );
    s.push_str(&proposal_points(
        set,
        &pos,
        labelled,
        third.as_ref(),
        (&xa, &ya),
    ));
    let points: Vec<(f64, f64)> = set.proposals.iter().map(|p| pos(p).0).collect();
    s.push_str(&status_quo_marker(sq, pos(sq), (&xa, &ya), plot, &points));
    if let Some(t) = &third {
        s.push_str(&t.legend(HEIGHT + 6.0));
    }
    s.push_str("</svg>");
    s
}

/// A marker's pixel position and, per axis, whether it was clamped into the plot.
type Placed = ((f64, f64), (bool, bool));

/// Pixel position of `p`, clamped into the plot; the flags say which axes were clamped.
fn point_position(xa: &Axis, ya: &Axis, plot: Plot, p: &Proposal) -> Placed {
    let (vx, vy) = (view::value(p, &xa.info.name), view::value(p, &ya.info.name));
    let x = xa.at(vx, plot.x0, plot.x1);
    let y = ya.at(vy, plot.y1, plot.y0);
    let inset = 12.0;
    let cx = if x.is_finite() {
        x.clamp(plot.x0 + inset, plot.x1 - inset)
    } else {
        plot.x0 + inset
    };
    let cy = if y.is_finite() {
        y.clamp(plot.y0 + inset, plot.y1 - inset)
    } else {
        plot.y1 - inset
    };
    ((cx, cy), (!xa.contains(vx), !ya.contains(vy)))
}

/// Grid lines, tick labels, axis lines and titles.
fn grid_and_axes(xa: &Axis, ya: &Axis, plot: Plot) -> String {
    let mut s = String::from(r#"<g class="axes">"#);
    for &t in &xa.ticks {
        let x = xa.at(t, plot.x0, plot.x1);
        let _ = write!(
            s,
            r##"<line x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{:.1}" stroke="#e1e5ec"/><line x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{:.1}" stroke="#6b7280"/><text class="tick" x="{x:.1}" y="{:.1}" text-anchor="middle">{}</text>"##,
            plot.y0,
            plot.y1,
            plot.y1,
            plot.y1 + 5.0,
            plot.y1 + 18.0,
            xa.tick_label(t)
        );
    }
    for &t in &ya.ticks {
        let y = ya.at(t, plot.y1, plot.y0);
        let _ = write!(
            s,
            r##"<line x1="{:.1}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="#e1e5ec"/><line x1="{:.1}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="#6b7280"/><text class="tick" x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"##,
            plot.x0,
            plot.x1,
            plot.x0 - 5.0,
            plot.x0,
            plot.x0 - 8.0,
            y + 4.0,
            ya.tick_label(t)
        );
    }
    let _ = write!(
        s,
        r##"<path d="M{:.1},{:.1} V{:.1} H{:.1}" fill="none" stroke="#6b7280" stroke-width="1.2"/><text class="axis-title" x="{:.1}" y="{:.1}" text-anchor="middle">{}</text><text class="axis-title" transform="translate(14 {:.1}) rotate(-90)" text-anchor="middle">{}</text>"##,
        plot.x0,
        plot.y0,
        plot.y1,
        plot.x1,
        (plot.x0 + plot.x1) / 2.0,
        plot.y1 + 40.0,
        escape(&xa.title(plot.x1 - plot.x0)),
        (plot.y0 + plot.y1) / 2.0,
        escape(&ya.title(plot.y1 - plot.y0))
    );
    s.push_str("</g>");
    s
}

/// "besser" with an arrow in the corner of the ideal point.
fn better_hint(xo: &ObjectiveInfo, yo: &ObjectiveInfo, plot: Plot) -> String {
    let right = maximises(xo);
    let top = maximises(yo);
    let arrow = match (right, top) {
        (false, false) => "↙",
        (true, false) => "↘",
        (false, true) => "↖",
        (true, true) => "↗",
    };
    let x = if right { plot.x1 - 8.0 } else { plot.x0 + 8.0 };
    let y = if top { plot.y0 + 16.0 } else { plot.y1 - 8.0 };
    let anchor = if right { "end" } else { "start" };
    let text = if right {
        format!("besser {arrow}")
    } else {
        format!("{arrow} besser")
    };
    format!(r#"<text class="better" x="{x:.1}" y="{y:.1}" text-anchor="{anchor}">{text}</text>"#)
}

/// A thin line through the proposals in x order (two objectives only).
fn front_line(set: &ProposalSet, pos: &dyn Fn(&Proposal) -> Placed) -> String {
    let mut pts: Vec<(f64, f64)> = set.proposals.iter().map(|p| pos(p).0).collect();
    if pts.len() < 2 {
        return String::new();
    }
    pts.sort_by(|a, b| a.0.total_cmp(&b.0));
    let d: Vec<String> = pts.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
    format!(
        r##"<polyline class="front" points="{}" fill="none" stroke="#9db0cf" stroke-width="1.5"/>"##,
        d.join(" ")
    )
}

/// Proposal markers with tooltips and labels.
fn proposal_points(
    set: &ProposalSet,
    pos: &dyn Fn(&Proposal) -> Placed,
    labelled: &[&str],
    third: Option<&ThirdScale>,
    (xa, ya): (&Axis, &Axis),
) -> String {
    let n = set.proposals.len();
    let every = n.div_ceil(10).max(1);
    let mut s = String::from(r#"<g class="points">"#);
    for (k, p) in set.proposals.iter().enumerate() {
        let ((x, y), _) = pos(p);
        let fill = third.map_or(colour::PROPOSAL, |t| t.colour(p));
        let mut tip = format!(
            "{}: {} {}; {} {}",
            p.id,
            xa.info.label,
            xa.value_label(view::value(p, &xa.info.name)),
            ya.info.label,
            ya.value_label(view::value(p, &ya.info.name))
        );
        if let Some(t) = third {
            let _ = write!(
                tip,
                "; {} {}",
                t.info.label,
                number(view::value(p, &t.info.name), t.decimals)
            );
        }
        let highlighted = labelled.contains(&p.id.as_str());
        let _ = write!(
            s,
            r##"<g class="pt{cls}" data-id="{id}" data-cx="{x:.1}" data-cy="{y:.1}" tabindex="0" role="button"><circle cx="{x:.1}" cy="{y:.1}" r="{r}" fill="{fill}" stroke="{stroke}" stroke-width="{sw}"/><title>{tip}</title>"##,
            cls = if highlighted { " featured" } else { "" },
            id = escape(&p.id),
            r = if highlighted { "7.5" } else { "6.5" },
            fill = fill.hex(),
            // featured points get a dark ring; light colours of a third objective need a dark
            // outline on the light plot
            stroke = if highlighted {
                "#1f3f73"
            } else if third.is_some() {
                "#4b5563"
            } else {
                "#ffffff"
            },
            sw = if highlighted {
                "2.4"
            } else if third.is_some() {
                "0.9"
            } else {
                "1.5"
            },
            tip = escape(&tip)
        );
        // with featured proposals only they are labelled, else every n-th point
        let spread_label = labelled.is_empty() && k % every == 0;
        if n <= LABEL_ALL_UP_TO || highlighted || spread_label {
            let _ = write!(
                s,
                r##"<text class="pt-label halo" x="{:.1}" y="{:.1}">{}</text>"##,
                x + 8.0,
                y - 8.0,
                escape(&p.id)
            );
        }
        s.push_str("</g>");
    }
    s.push_str("</g>");
    s
}

/// The status quo: a red diamond, labelled; at the edge with an arrow if off the axes.
fn status_quo_marker(
    sq: &Proposal,
    ((x, y), (cx, cy)): Placed,
    (xa, ya): (&Axis, &Axis),
    plot: Plot,
    others: &[(f64, f64)],
) -> String {
    let c = colour::STATUS_QUO.hex();
    let d = 9.0;
    let mut s = format!(
        r##"<g class="pt status-quo" data-id="{id}" data-cx="{x:.1}" data-cy="{y:.1}" tabindex="0" role="button"><path d="M{x:.1},{:.1} L{:.1},{y:.1} L{x:.1},{:.1} L{:.1},{y:.1} Z" fill="{c}" stroke="#ffffff" stroke-width="1.2"/><title>Status quo: {} {}; {} {}</title>"##,
        y - d,
        x + d,
        y + d,
        x - d,
        escape(&xa.info.label),
        escape(&xa.value_label(view::value(sq, &xa.info.name))),
        escape(&ya.info.label),
        escape(&ya.value_label(view::value(sq, &ya.info.name))),
        id = view::STATUS_QUO_ID,
    );
    let mut notes = Vec::new();
    if cx {
        notes.push(format!(
            "{} {}",
            xa.info.label,
            xa.value_label(view::value(sq, &xa.info.name))
        ));
        let dir = if x > (plot.x0 + plot.x1) / 2.0 {
            1.0
        } else {
            -1.0
        };
        s.push_str(&edge_arrow(x + dir * 11.0, y, x + dir * 27.0, y, &c));
    }
    if cy {
        notes.push(format!(
            "{} {}",
            ya.info.label,
            ya.value_label(view::value(sq, &ya.info.name))
        ));
        let dir = if y > (plot.y0 + plot.y1) / 2.0 {
            1.0
        } else {
            -1.0
        };
        s.push_str(&edge_arrow(x, y + dir * 11.0, x, y + dir * 27.0, &c));
    }
    let right_half = x > (plot.x0 + plot.x1) / 2.0;
    let (lx, anchor) = if right_half {
        (x - 14.0, "end")
    } else {
        (x + 14.0, "start")
    };
    let ly = label_y(lx, y, right_half, plot, others);
    let _ = write!(
        s,
        r#"<text class="sq-label halo" x="{lx:.1}" y="{ly:.1}" text-anchor="{anchor}" fill="{c}">Status quo</text>"#
    );
    if !notes.is_empty() {
        let _ = write!(
            s,
            r#"<text class="small-label halo" x="{lx:.1}" y="{:.1}" text-anchor="{anchor}">außerhalb: {}</text>"#,
            ly + 14.0,
            escape(&notes.join(", "))
        );
    }
    s.push_str("</g>");
    s
}

/// Baseline of the status quo label: above or below the marker, whichever keeps farther away
/// from the proposal points (and inside the plot).
fn label_y(lx: f64, y: f64, left_of: bool, plot: Plot, others: &[(f64, f64)]) -> f64 {
    let centre_x = if left_of { lx - 40.0 } else { lx + 40.0 };
    let clearance = |ly: f64| -> f64 {
        if ly < plot.y0 + 12.0 || ly + 14.0 > plot.y1 + 30.0 {
            return -1.0;
        }
        others
            .iter()
            .map(|&(px, py)| (px - centre_x).hypot(py - (ly + 2.0)))
            .fold(f64::INFINITY, f64::min)
    };
    let (above, below) = (y - 12.0, y + 24.0);
    if clearance(below) > clearance(above) {
        below
    } else {
        above
    }
}

/// A short arrow from (x1, y1) to (x2, y2).
fn edge_arrow(x1: f64, y1: f64, x2: f64, y2: f64, c: &str) -> String {
    let (dx, dy) = (x2 - x1, y2 - y1);
    let len = dx.hypot(dy).max(1e-9);
    let (ux, uy) = (dx / len, dy / len);
    let (bx, by) = (x2 - ux * 8.0, y2 - uy * 8.0);
    format!(
        r#"<line x1="{x1:.1}" y1="{y1:.1}" x2="{bx:.1}" y2="{by:.1}" stroke="{c}" stroke-width="2"/><path d="M{x2:.1},{y2:.1} L{:.1},{:.1} L{:.1},{:.1} Z" fill="{c}"/>"#,
        bx - uy * 5.0,
        by + ux * 5.0,
        bx + uy * 5.0,
        by - ux * 5.0
    )
}

/// Colour scale of a third objective over the proposals.
#[derive(Debug, Clone)]
struct ThirdScale<'a> {
    info: &'a ObjectiveInfo,
    lo: f64,
    hi: f64,
    decimals: usize,
}

impl<'a> ThirdScale<'a> {
    fn new(set: &ProposalSet, info: &'a ObjectiveInfo) -> ThirdScale<'a> {
        let vals: Vec<f64> = set
            .proposals
            .iter()
            .map(|p| view::value(p, &info.name))
            .collect();
        let (lo, hi) = finite_range(vals.iter().copied()).unwrap_or((0.0, 1.0));
        ThirdScale {
            info,
            lo,
            hi,
            decimals: super::format::decimals_for(vals),
        }
    }

    /// Light = best, dark = worst.
    fn colour(&self, p: &Proposal) -> Rgb {
        let v = view::value(p, &self.info.name);
        let t = if self.hi > self.lo {
            (v - self.lo) / (self.hi - self.lo)
        } else {
            0.5
        };
        colour::THIRD.at(if maximises(self.info) { 1.0 - t } else { t })
    }

    /// Gradient bar with the best and worst value.
    fn legend(&self, top: f64) -> String {
        let (x, w) = (70.0, 260.0);
        let mut s = String::from(
            r#"<defs><linearGradient id="third-gradient" x1="0" x2="1" y1="0" y2="0">"#,
        );
        for (off, c) in colour::THIRD.stops() {
            let _ = write!(s, r##"<stop offset="{off:.3}" stop-color="{}"/>"##, c.hex());
        }
        let (best, worst) = if maximises(self.info) {
            (self.hi, self.lo)
        } else {
            (self.lo, self.hi)
        };
        let unit = if self.info.unit.is_empty() {
            String::new()
        } else {
            format!(" ({})", self.info.unit)
        };
        let _ = write!(
            s,
            r##"</linearGradient></defs><text class="axis-title" x="{x}" y="{:.1}">Farbe: {}{}</text><rect x="{x}" y="{:.1}" width="{w}" height="11" fill="url(#third-gradient)" stroke="#9ca3af" stroke-width="0.6"/><text class="tick" x="{x}" y="{:.1}">{} (beste)</text><text class="tick" x="{:.1}" y="{:.1}" text-anchor="end">{} (schlechteste)</text>"##,
            top + 12.0,
            escape(&self.info.label),
            escape(&unit),
            top + 18.0,
            top + 42.0,
            number(best, self.decimals),
            x + w,
            top + 42.0,
            number(worst, self.decimals)
        );
        s
    }
}
