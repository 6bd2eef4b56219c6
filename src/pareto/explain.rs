//! One German paragraph per representative proposal, generated from the numbers of the
//! [`ProposalSet`] alone: why it was picked, which status-quo sites move (and what each move
//! changes in minutes, for whom), which new functions go where, how the mean travel time
//! changes and for which places, and how the objectives compare with the status quo and with
//! the proposal of best accessibility.
//!
//! Access is additive over functions, so the change of the mean travel time splits exactly
//! into one part per function: the paragraph reports the parts of the newly placed functions
//! and of the relocations separately.
//!
//! Readable values (mean minutes, % of inhabitants, by car and by ÖPNV) are the engine's
//! (`Proposal::readable`); with `--scenario` the paragraph ends with the proposal's class
//! under the scenario population.

use super::proposal::{FunctionInfo, Proposal, ProposalSet};
use super::representative::rule_label;
use super::scenario;
use crate::report::format::{decimals_for, number};
use crate::report::{units, view};

/// Changes below this many minutes are "no change" in the prose.
const NOTICEABLE_MIN: f64 = 0.05;
/// Places named for the overall gain and loss.
const PLACES_NAMED: usize = 3;

/// The paragraph for proposal `p`, picked by `rules`; `best` is the proposal with the best
/// access (compared with, unless it is `p`).
pub fn paragraph(
    set: &ProposalSet,
    p: &Proposal,
    rules: &[String],
    best: Option<&Proposal>,
) -> String {
    let best = best.filter(|b| b.id != p.id);
    let mut sentences = vec![intro(set, p, rules)];
    sentences.push(moves_sentence(set, p));
    sentences.extend(new_functions_sentence(set, p));
    sentences.extend(minutes_sentence(set, p));
    sentences.extend(places_sentence(set, p));
    sentences.extend(pt_sentence(set, p));
    sentences.push(objectives_sentence(set, p, best));
    sentences.extend(scenario_sentence(set, p));
    sentences.join(" ")
}

/// Population-weighted mean of per-place minutes (the places of `set`, in order).
fn population_mean(set: &ProposalSet, minutes: &[f64]) -> Option<f64> {
    if minutes.len() != set.places.len() {
        return None;
    }
    let (sum, pop) = set
        .places
        .iter()
        .zip(minutes)
        .filter(|(_, m)| m.is_finite())
        .fold((0.0, 0.0), |(s, w), (p, m)| {
            (s + p.population * m, w + p.population)
        });
    (pop > 0.0).then(|| sum / pop)
}

/// `P12 ist unter den Vorschlägen mit genau 2 Verlagerungen der beste Kompromiss.`
fn intro(set: &ProposalSet, p: &Proposal, rules: &[String]) -> String {
    let phrases: Vec<String> = rules
        .iter()
        .map(|r| match r.as_str() {
            "best_access" => format!(
                "hat die beste Erreichbarkeit aller {} Vorschläge",
                set.proposals.len()
            ),
            "best_pt_access" => format!(
                "hat die beste ÖPNV-Erreichbarkeit aller {} Vorschläge",
                set.proposals.len()
            ),
            "compromise" => "ist der beste Kompromiss der ganzen Front".into(),
            "compromise_relocations_0" => {
                "ist unter den Vorschlägen, die alle heutigen Standorte behalten, der beste Kompromiss"
                    .into()
            }
            "compromise_relocations_1" => {
                "ist unter den Vorschlägen mit genau einer Verlagerung der beste Kompromiss".into()
            }
            other => match other.strip_prefix("compromise_relocations_") {
                Some(k) => format!(
                    "ist unter den Vorschlägen mit genau {k} Verlagerungen der beste Kompromiss"
                ),
                None => format!("ist ausgewählt als {}", rule_label(other)),
            },
        })
        .collect();
    format!("{} {}.", p.id, join_and(&phrases))
}

/// `a`, `a und b`, `a, b und c`.
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} und {last}", init.join(", ")),
    }
}

/// `−1,9 min` / `+0,4 min`.
fn signed(v: f64) -> String {
    let text = number(v, 1);
    if v > 0.0 && text != "0,0" {
        format!("+{text}\u{a0}min")
    } else {
        format!("{text}\u{a0}min")
    }
}

fn town_name<'a>(set: &'a ProposalSet, id: &'a str) -> &'a str {
    view::town_name(set, id)
}

fn towns_text(set: &ProposalSet, ids: &[String]) -> String {
    let names: Vec<String> = ids.iter().map(|t| town_name(set, t).to_string()).collect();
    join_and(&names)
}

/// Car minutes from every place to the nearest of `towns` (none: the nearest external
/// centre), or `None` when the set lacks the travel times.
fn function_minutes(set: &ProposalSet, towns: &[String]) -> Option<Vec<f64>> {
    let index: Vec<usize> = towns
        .iter()
        .map(|t| set.towns.iter().position(|x| &x.id == t))
        .collect::<Option<_>>()?;
    set.places
        .iter()
        .map(|place| {
            if index.is_empty() {
                place.external_minutes
            } else {
                index
                    .iter()
                    .map(|&k| place.minutes.get(k).copied())
                    .collect::<Option<Vec<f64>>>()?
                    .into_iter()
                    .reduce(f64::min)
            }
        })
        .collect()
}

/// What `p` does with one function compared with the status quo.
struct Change<'a> {
    function: &'a FunctionInfo,
    /// Status-quo towns given up.
    from: Vec<String>,
    /// Towns not in the status quo.
    to: Vec<String>,
    /// Status-quo towns kept.
    kept: Vec<String>,
    /// Minutes per place before and after, if known.
    minutes: Option<(Vec<f64>, Vec<f64>)>,
}

impl Change<'_> {
    /// Change of the population-weighted mean minutes to this function.
    fn mean_delta(&self, set: &ProposalSet) -> Option<f64> {
        let (before, after) = self.minutes.as_ref()?;
        Some(population_mean(set, after)? - population_mean(set, before)?)
    }

    /// The change's share of the overall mean minutes (importance-weighted).
    fn weighted_delta(&self, set: &ProposalSet) -> Option<f64> {
        let total: f64 = set.functions.iter().map(|f| f.importance).sum();
        Some(self.mean_delta(set)? * self.function.importance / total.max(f64::MIN_POSITIVE))
    }
}

/// Every function `p` places differently from the status quo, in catalogue order.
fn changes<'a>(set: &'a ProposalSet, p: &Proposal) -> Vec<Change<'a>> {
    set.functions
        .iter()
        .filter_map(|f| {
            let today = set
                .status_quo
                .allocation
                .get(&f.id)
                .cloned()
                .unwrap_or_default();
            let now = p.allocation.get(&f.id).cloned().unwrap_or_default();
            let mut from: Vec<String> =
                today.iter().filter(|t| !now.contains(t)).cloned().collect();
            let mut to: Vec<String> = now.iter().filter(|t| !today.contains(t)).cloned().collect();
            if from.is_empty() && to.is_empty() {
                return None;
            }
            from.sort();
            to.sort();
            let kept = today.iter().filter(|t| now.contains(t)).cloned().collect();
            let minutes = function_minutes(set, &today).zip(function_minutes(set, &now));
            Some(Change {
                function: f,
                from,
                to,
                kept,
                minutes,
            })
        })
        .collect()
}

/// The place with the largest gain (most negative change) and the one with the largest loss,
/// among inhabited places, each only if noticeable.
fn extremes(set: &ProposalSet, delta: &[f64]) -> (Option<usize>, Option<usize>) {
    let inhabited =
        || (0..delta.len()).filter(|&i| set.places[i].population > 0.0 && delta[i].is_finite());
    let gain = inhabited()
        .filter(|&i| delta[i] <= -NOTICEABLE_MIN)
        .reduce(|a, b| if delta[b] < delta[a] { b } else { a });
    let loss = inhabited()
        .filter(|&i| delta[i] >= NOTICEABLE_MIN)
        .reduce(|a, b| if delta[b] > delta[a] { b } else { a });
    (gain, loss)
}

fn place_name(set: &ProposalSet, i: usize) -> &str {
    view::short_place_name(&set.places[i].name)
}

/// One group of moves with the same towns given up, gained and kept (hence the same minutes
/// for every place): `von Wernigerode nach Halberstadt: Hochschule Harz – Hauptstandort und
/// Landesgymnasium für Musik (Ø 20,8 → 19,3 min, kürzer für Halberstadt −16,7 min, länger für
/// Wernigerode +16,7 min)`.
fn move_group_text(set: &ProposalSet, group: &[&Change]) -> String {
    let c = group[0];
    let names: Vec<String> = group
        .iter()
        .map(|c| view::short_function_name(&c.function.name).to_string())
        .collect();
    let names = join_and(&names);
    let mut s = if c.kept.is_empty() {
        format!(
            "von {} nach {}: {names}",
            towns_text(set, &c.from),
            towns_text(set, &c.to)
        )
    } else {
        format!(
            "{names} mit dem Standort {} nach {}, {} bleibt",
            towns_text(set, &c.from),
            towns_text(set, &c.to),
            towns_text(set, &c.kept)
        )
    };
    let Some((before, after)) = &c.minutes else {
        return s;
    };
    let (Some(b), Some(a)) = (population_mean(set, before), population_mean(set, after)) else {
        return s;
    };
    let delta: Vec<f64> = after.iter().zip(before).map(|(a, b)| a - b).collect();
    let (gain, loss) = extremes(set, &delta);
    let mut parts = vec![format!("Ø {} → {}\u{a0}min", number(b, 1), number(a, 1))];
    if let Some(g) = gain {
        parts.push(format!(
            "kürzer für {} {}",
            place_name(set, g),
            signed(delta[g])
        ));
    }
    if let Some(l) = loss {
        parts.push(format!(
            "länger für {} {}",
            place_name(set, l),
            signed(delta[l])
        ));
    }
    s += &format!(" ({})", parts.join(", "));
    s
}

/// Whether function `f` had at least one site in the region today.
fn exists_today(set: &ProposalSet, f: &FunctionInfo) -> bool {
    set.status_quo
        .allocation
        .get(&f.id)
        .is_some_and(|t| !t.is_empty())
}

/// The relocations of status-quo sites, largest effect on the mean travel time first, and
/// which full town the moves that lengthen journeys leave.
fn moves_sentence(set: &ProposalSet, p: &Proposal) -> String {
    let mut moved: Vec<Change> = changes(set, p)
        .into_iter()
        .filter(|c| exists_today(set, c.function))
        .collect();
    if moved.is_empty() {
        return "Alle heutigen Standorte bleiben, wo sie sind.".into();
    }
    let sites: usize = moved.iter().map(|c| c.from.len()).sum();
    let head = if sites == 1 {
        "Ein heutiger Standort wechselt".to_string()
    } else {
        format!("{sites} heutige Standorte wechseln")
    };
    // groups of equal (from, to, kept), largest total effect on the mean first, and within a
    // group the function with the largest effect (the most important one) first
    moved.sort_by(|a, b| {
        let effect = |c: &Change| c.weighted_delta(set).map_or(0.0, f64::abs);
        effect(b).total_cmp(&effect(a))
    });
    let mut groups: Vec<Vec<&Change>> = Vec::new();
    for c in &moved {
        match groups
            .iter_mut()
            .find(|g| g[0].from == c.from && g[0].to == c.to && g[0].kept == c.kept)
        {
            Some(g) => g.push(c),
            None => groups.push(vec![c]),
        }
    }
    let effect = |g: &Vec<&Change>| -> f64 {
        g.iter()
            .map(|c| c.weighted_delta(set).map_or(0.0, f64::abs))
            .sum()
    };
    groups.sort_by(|a, b| effect(b).total_cmp(&effect(a)));
    let items: Vec<String> = groups.iter().map(|g| move_group_text(set, g)).collect();
    let mut s = format!(
        "{head} (Ø = mittlere Pkw-Fahrzeit der Einwohner zur Funktion): {}.",
        items.join("; ")
    );
    s.extend(full_towns_note(set, p, &moved));
    s
}

/// ` Länger werden die Wege zu A und B; die abgebende Stadt Quedlinburg ist mit 47 von 47
/// Größenpunkten voll ausgelastet.` (only for source towns at their capacity in `p`).
fn full_towns_note(set: &ProposalSet, p: &Proposal, moved: &[Change]) -> Option<String> {
    let notes: Vec<String> = p
        .towns
        .iter()
        .filter(|t| t.capacity.is_some_and(|c| t.size_points >= c))
        .filter_map(|t| {
            let longer: Vec<String> = moved
                .iter()
                .filter(|c| c.from.contains(&t.town))
                .filter(|c| c.mean_delta(set).is_some_and(|d| d >= NOTICEABLE_MIN))
                .map(|c| view::short_function_name(&c.function.name).to_string())
                .collect();
            (!longer.is_empty()).then(|| {
                format!(
                    "Länger werden die Wege zu {}; die abgebende Stadt {} ist mit {} von {} Größenpunkten voll ausgelastet.",
                    join_and(&longer),
                    t.name,
                    number(t.size_points, 0),
                    number(t.capacity.unwrap_or(t.size_points), 0)
                )
            })
        })
        .collect();
    (!notes.is_empty()).then(|| format!(" {}", notes.join(" ")))
}

/// `Neu in der Region angesiedelt werden: in Halberstadt Landgericht und Stadion; in …`.
fn new_functions_sentence(set: &ProposalSet, p: &Proposal) -> Option<String> {
    let new: Vec<Change> = changes(set, p)
        .into_iter()
        .filter(|c| !exists_today(set, c.function))
        .collect();
    if new.is_empty() {
        return None;
    }
    let groups: Vec<String> = set
        .towns
        .iter()
        .filter_map(|t| {
            let names: Vec<String> = new
                .iter()
                .filter(|c| c.to.contains(&t.id))
                .map(|c| view::short_function_name(&c.function.name).to_string())
                .collect();
            (!names.is_empty()).then(|| format!("in {} {}", t.name, join_and(&names)))
        })
        .collect();
    Some(format!(
        "Neu in der Region angesiedelt werden: {}.",
        groups.join("; ")
    ))
}

/// The mean car time to all functions, status quo → `p`, split into new functions and
/// relocations.
fn minutes_sentence(set: &ProposalSet, p: &Proposal) -> Option<String> {
    let before = set.status_quo.readable_value("access")?;
    let after = p.readable_value("access")?;
    let verb = if after < before - NOTICEABLE_MIN / 10.0 {
        "sinkt"
    } else if after > before + NOTICEABLE_MIN / 10.0 {
        "steigt"
    } else {
        "bleibt"
    };
    let mut s = format!(
        "Die mittlere Pkw-Fahrzeit zu allen Funktionen (nach Bedeutung gewichtet) {verb} von {} min im Status quo auf {} min je Einwohner",
        number(before, 1),
        number(after, 1)
    );
    let all = changes(set, p);
    let part = |new: bool| -> Option<f64> {
        all.iter()
            .filter(|c| exists_today(set, c.function) != new)
            .map(|c| c.weighted_delta(set))
            .sum()
    };
    let (new, moved) = (part(true), part(false));
    let mut parts = Vec::new();
    if let Some(n) = new.filter(|n| n.abs() >= NOTICEABLE_MIN) {
        parts.push(format!("neu angesiedelte Funktionen {}", signed(n)));
    }
    if let Some(m) = moved.filter(|m| m.abs() >= NOTICEABLE_MIN) {
        parts.push(format!("Verlagerungen {}", signed(m)));
    }
    if !parts.is_empty() {
        s += &format!(" (davon {})", parts.join(", "));
    }
    s.push('.');
    Some(s)
}

/// The places whose mean car time to all functions falls or rises most.
fn places_sentence(set: &ProposalSet, p: &Proposal) -> Option<String> {
    let (now, today) = (&p.place_minutes, &set.status_quo.place_minutes);
    if now.len() != set.places.len() || today.len() != now.len() {
        return None;
    }
    let delta: Vec<f64> = now.iter().zip(today).map(|(a, b)| a - b).collect();
    let named = |mut idx: Vec<usize>, ascending: bool| -> Vec<String> {
        idx.sort_by(|&a, &b| {
            let o = delta[a].total_cmp(&delta[b]);
            (if ascending { o } else { o.reverse() }).then(a.cmp(&b))
        });
        idx.iter()
            .take(PLACES_NAMED)
            .map(|&i| format!("{} ({})", place_name(set, i), signed(delta[i])))
            .collect()
    };
    let inhabited = |i: &usize| set.places[*i].population > 0.0 && delta[*i].is_finite();
    let gains: Vec<usize> = (0..delta.len())
        .filter(inhabited)
        .filter(|&i| delta[i] <= -NOTICEABLE_MIN)
        .collect();
    let losses: Vec<usize> = (0..delta.len())
        .filter(inhabited)
        .filter(|&i| delta[i] >= NOTICEABLE_MIN)
        .collect();
    let first = if gains.is_empty() {
        "Für keinen Ort wird die mittlere Fahrzeit kürzer".to_string()
    } else {
        format!(
            "Am stärksten verkürzt sie sich in {}",
            join_and(&named(gains, true))
        )
    };
    let second = if losses.is_empty() {
        "länger wird sie für keinen Ort".to_string()
    } else {
        let n = losses.len();
        let more = if n > PLACES_NAMED {
            format!(" und {} weiteren Orten", n - PLACES_NAMED)
        } else {
            String::new()
        };
        format!(
            "länger wird sie in {}{more}",
            join_and(&named(losses, false))
        )
    };
    Some(format!("{first}; {second}."))
}

/// ` (modelliert)` or ` (aus der ÖPNV-Matrix)`: where the set's ÖPNV times come from.
fn pt_source_note(set: &ProposalSet) -> &'static str {
    match set.travel_times.as_ref().and_then(|t| t.pt.as_ref()) {
        Some(m) if m.source == "model" => " (modelliert)",
        Some(_) => " (aus der ÖPNV-Matrix)",
        None => "",
    }
}

/// The engine's mean ÖPNV time and share of inhabitants beyond the ÖPNV reach, against the
/// status quo, if the set has them.
fn pt_sentence(set: &ProposalSet, p: &Proposal) -> Option<String> {
    let now = p.readable_value("pt_access")?;
    let today = set.status_quo.readable_value("pt_access")?;
    let mut s = format!(
        "Mit dem ÖPNV{} beträgt die mittlere Fahrzeit zu allen Funktionen Ø {} min je Einwohner (heute {} min)",
        pt_source_note(set),
        number(now, 1),
        number(today, 1)
    );
    if let (Some(a), Some(b)) = (
        p.readable_value("pt_reach"),
        set.status_quo.readable_value("pt_reach"),
    ) {
        s += &format!(
            "; {} % der Einwohner erreichen eine Funktion mit dem ÖPNV nicht binnen {}, nach Bedeutung der Funktionen gewichtet (heute {} %)",
            number(a, 1),
            units::pt_reach_text(set),
            number(b, 1)
        );
    }
    s.push('.');
    Some(s)
}

/// With `--scenario`: whether `p` stays Pareto-optimal under the scenario population.
fn scenario_sentence(set: &ProposalSet, p: &Proposal) -> Option<String> {
    let name = &set.scenario.as_ref()?.name;
    let e = p.scenario.as_ref()?;
    let under = scenario::under(name);
    let under = format!("{}{}", under[..1].to_uppercase(), &under[1..]);
    let gap = number(e.gap_pct, 1);
    Some(match e.class.as_str() {
        "optimal" => format!("{under} bleibt {} Pareto-optimal.", p.id),
        "within_1pct" => format!(
            "{under} ist {} nicht mehr Pareto-optimal, liegt aber innerhalb 1 %: ein Vorschlag der neuen Front ist in keinem Ziel um mehr als {gap} % der Spannweite besser.",
            p.id
        ),
        _ => format!(
            "{under} fällt {} aus der Front: selbst der nächste Vorschlag der neuen Front ist in mindestens einem Ziel um {gap} % der Spannweite besser.",
            p.id
        ),
    })
}

/// One objective of `q` in prose: the engine's readable value where it has its own unit.
fn objective_value(q: &Proposal, name: &str, readable: bool, decimals: usize) -> String {
    match q.readable_value(name).filter(|_| readable) {
        Some(v) => number(v, 1),
        None => number(view::value(q, name), decimals),
    }
}

/// `Zielwerte: Erreichbarkeit Ø 17,3 min je Einwohner (heute 26,6 · P1 17,2); …`.
fn objectives_sentence(set: &ProposalSet, p: &Proposal, best: Option<&Proposal>) -> String {
    let mut names: Vec<&str> = set.objectives.iter().map(|o| o.name.as_str()).collect();
    if !names.contains(&"coverage") && set.all_objectives.iter().any(|o| o.name == "coverage") {
        names.push("coverage");
    }
    let items: Vec<String> = names
        .iter()
        .filter_map(|&name| {
            let info = set.all_objectives.iter().find(|o| o.name == name)?;
            let decimals = decimals_for(view::everything(set).map(|q| view::value(q, name)));
            let readable = !info.readable_unit.is_empty()
                && info.readable_unit != info.unit
                && p.readable_value(name).is_some();
            let value = |q: &Proposal| objective_value(q, name, readable, decimals);
            let unit = if readable {
                &info.readable_unit
            } else {
                &info.unit
            };
            let shown = format!("{} {}", value(p), units::short_unit(unit));
            let mut refs = vec![format!("heute {}", value(&set.status_quo))];
            if let Some(b) = best {
                refs.push(format!("{} {}", b.id, value(b)));
            }
            Some(format!("{} {shown} ({})", info.label, refs.join(" · ")))
        })
        .collect();
    let reference = match best {
        Some(b) => format!(
            " (in Klammern: Status quo und {}, der Vorschlag mit der besten Erreichbarkeit)",
            b.id
        ),
        None => " (in Klammern: Status quo)".into(),
    };
    format!("Zielwerte{reference}: {}.", items.join("; "))
}
