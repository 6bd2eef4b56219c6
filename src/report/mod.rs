//! Planner-facing output: a self-contained HTML page (SVG map, Pareto chart, side-by-side
//! tables) and the CSV/GeoJSON files beside it.

pub mod chart;
pub mod colour;
pub mod decisions;
pub mod format;
pub mod html;
pub mod representatives;
pub mod scenario;
pub mod svg_map;
pub mod tables;
pub mod travel;
pub mod units;
pub mod view;
