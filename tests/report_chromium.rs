//! The HTML report in a real browser: headless Chromium takes a screenshot of the sample
//! report, and the test checks that the map and the Pareto chart were drawn with the expected
//! colours; a second run dumps the DOM after the script switched to another proposal.
//!
//! The map and the chart are found by their background colours (`colour::MAP_BG`,
//! `colour::CHART_BG`, used nowhere else on the page), so the test does not depend on layout.
//!
//! A third run loads a real Harz front with generated ÖPNV times, clicks the map's "ÖPNV"
//! switch and a representative's "show" button from an injected script, and checks the
//! recoloured map in the DOM and in a screenshot.
//!
//! A fourth run renders the report of `impuls pareto … --scenario 2035 --lock …` and checks
//! that every scenario badge (section, representative cards, table of all proposals) is laid
//! out with its class colour, in the DOM and in the screenshot.
//!
//! Without a Chromium binary the tests are skipped, unless `CI` is set or
//! `IMPULS_REQUIRE_CHROMIUM=1`: then they fail. Set `IMPULS_SCREENSHOT_OUT=/path/shot.png` to
//! keep the screenshot (and the page as `/path/shot.html`).

mod report_support;

use impuls::pareto::proposal::ProposalSet;
use impuls::report::colour::{self, Rgb};
use impuls::report::html::render;
use report_support::{annotated_sample as sample, harz_front_with_pt, harz_scenario_run};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Chromium gets this long before it is killed.
const TIMEOUT: Duration = Duration::from_secs(60);

/// `chromium` or `chromium-browser` on PATH, else `/usr/bin/chromium`.
fn find_chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    for name in ["chromium", "chromium-browser"] {
        for dir in std::env::split_paths(&path) {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    let fixed = PathBuf::from("/usr/bin/chromium");
    fixed.is_file().then_some(fixed)
}

/// Chromium, or `None` after printing why the test is skipped; panics when it is required.
fn chromium_or_skip(test: &str) -> Option<PathBuf> {
    if let Some(c) = find_chromium() {
        return Some(c);
    }
    let required = std::env::var_os("CI").is_some()
        || std::env::var("IMPULS_REQUIRE_CHROMIUM").is_ok_and(|v| v == "1");
    assert!(
        !required,
        "{test}: no Chromium found (looked for `chromium`, `chromium-browser` on PATH and /usr/bin/chromium), \
         but CI or IMPULS_REQUIRE_CHROMIUM=1 requires it; install it with `apt-get install -y chromium`"
    );
    eprintln!("{test}: SKIPPED – no Chromium found (set IMPULS_REQUIRE_CHROMIUM=1 to make this a failure)");
    None
}

/// Runs headless Chromium with the standard flags plus `extra`, killing it after
/// [`TIMEOUT`]; stdout and stderr go to files in `dir`. Returns stdout.
fn run_chromium(chromium: &Path, dir: &Path, extra: &[String], url: &str) -> String {
    let profile = tempfile::tempdir().expect("profile dir");
    let out_path = dir.join("chromium.stdout");
    let err_path = dir.join("chromium.stderr");
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
            "--force-color-profile=srgb",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).expect("stdout file"))
        .stderr(std::fs::File::create(&err_path).expect("stderr file"))
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", chromium.display()));
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for chromium") {
            break status;
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "Chromium did not finish within {} s and was killed",
                TIMEOUT.as_secs()
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let stderr = std::fs::read_to_string(&err_path).unwrap_or_default();
    assert!(
        status.success(),
        "Chromium failed ({status}):\n{}",
        tail(&stderr, 2000)
    );
    std::fs::read_to_string(&out_path).unwrap_or_default()
}

/// The last `n` bytes of `s` (on a char boundary).
fn tail(s: &str, n: usize) -> &str {
    let mut start = s.len().saturating_sub(n);
    while !s.is_char_boundary(start) {
        start += 1;
    }
    &s[start..]
}

/// Writes the rendered sample to `dir/report.html`; returns its `file://` URL.
fn write_report(dir: &Path, set: &ProposalSet) -> String {
    let path = dir.join("report.html");
    std::fs::write(&path, render(set)).expect("write report");
    format!("file://{}", path.display())
}

/// A decoded screenshot.
struct Image {
    width: usize,
    height: usize,
    rgb: Vec<Rgb>,
}

impl Image {
    fn load(path: &Path) -> Image {
        let file = std::io::BufReader::new(std::fs::File::open(path).expect("screenshot written"));
        let mut decoder = png::Decoder::new(file);
        decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
        let mut reader = decoder.read_info().expect("PNG header");
        let mut buf = vec![0; reader.output_buffer_size().expect("buffer size")];
        let info = reader.next_frame(&mut buf).expect("PNG frame");
        let channels = match info.color_type {
            png::ColorType::Rgb => 3,
            png::ColorType::Rgba => 4,
            other => panic!("unexpected PNG colour type {other:?}"),
        };
        let (width, height) = (info.width as usize, info.height as usize);
        let mut rgb = Vec::with_capacity(width * height);
        for y in 0..height {
            let row = &buf[y * info.line_size..][..width * channels];
            rgb.extend(row.chunks_exact(channels).map(|p| Rgb(p[0], p[1], p[2])));
        }
        Image { width, height, rgb }
    }

    fn at(&self, x: usize, y: usize) -> Rgb {
        self.rgb[y * self.width + x]
    }

    /// Bounding box (x0, y0, x1, y1 inclusive) and count of the pixels of colour `c`.
    fn bbox_of(&self, c: Rgb) -> Option<((usize, usize, usize, usize), usize)> {
        let mut bb: Option<(usize, usize, usize, usize)> = None;
        let mut n = 0;
        for y in 0..self.height {
            for x in 0..self.width {
                if self.at(x, y) == c {
                    n += 1;
                    bb = Some(match bb {
                        None => (x, y, x, y),
                        Some((x0, y0, x1, y1)) => (x0.min(x), y0.min(y), x1.max(x), y1.max(y)),
                    });
                }
            }
        }
        bb.map(|b| (b, n))
    }

    /// Pixels within `bb` that are within `tol` of `c` in every channel.
    fn count_near(&self, (x0, y0, x1, y1): (usize, usize, usize, usize), c: Rgb, tol: u8) -> usize {
        let near = |p: Rgb| {
            p.0.abs_diff(c.0) <= tol && p.1.abs_diff(c.1) <= tol && p.2.abs_diff(c.2) <= tol
        };
        (y0..=y1)
            .flat_map(|y| (x0..=x1).map(move |x| (x, y)))
            .filter(|&(x, y)| near(self.at(x, y)))
            .count()
    }

    /// Pixels within `bb` that are neither `bg` nor white.
    fn count_drawn(&self, (x0, y0, x1, y1): (usize, usize, usize, usize), bg: Rgb) -> usize {
        let white = Rgb(255, 255, 255);
        (y0..=y1)
            .flat_map(|y| (x0..=x1).map(move |x| (x, y)))
            .filter(|&(x, y)| ![bg, white].contains(&self.at(x, y)))
            .count()
    }
}

/// The four largest places (the biggest circles) appear on the map in their `colours`.
fn assert_largest_places_drawn(
    img: &Image,
    map_bb: (usize, usize, usize, usize),
    set: &ProposalSet,
    colours: &[Rgb],
) {
    let mut by_size: Vec<usize> = (0..set.places.len()).collect();
    by_size.sort_by(|&a, &b| {
        set.places[b]
            .population
            .total_cmp(&set.places[a].population)
    });
    for &i in by_size.iter().take(4) {
        let n = img.count_near(map_bb, colours[i], 2);
        assert!(
            n >= 40,
            "place {} colour {} found on only {n} map pixels",
            set.places[i].name,
            colours[i].hex()
        );
    }
}

/// The place colours of proposal `id` from the page's data block.
fn place_colours(html: &str, id: &str) -> Vec<Rgb> {
    colours_of(html, id, "colours")
}

/// The colours under `key` (`colours` or `colours_pt`) of proposal `id` in the data block.
fn colours_of(html: &str, id: &str, key: &str) -> Vec<Rgb> {
    let tag = r#"<script type="application/json" id="data">"#;
    let start = html.find(tag).expect("data block") + tag.len();
    let end = start + html[start..].find("</script>").expect("data block end");
    let data: serde_json::Value = serde_json::from_str(&html[start..end]).expect("data JSON");
    let p = data["proposals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == id)
        .expect("proposal in data");
    p[key]
        .as_array()
        .unwrap_or_else(|| panic!("{key} of {id} in the data block"))
        .iter()
        .map(|c| Rgb::parse(c.as_str().unwrap()).expect("#rrggbb"))
        .collect()
}

#[test]
fn screenshot_shows_coloured_map_and_chart() {
    let Some(chromium) = chromium_or_skip("screenshot_shows_coloured_map_and_chart") else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let set = sample();
    let url = write_report(dir.path(), &set);
    let shot = dir.path().join("shot.png");
    let extra = vec![
        "--window-size=1400,2200".to_string(),
        format!("--screenshot={}", shot.display()),
    ];
    run_chromium(&chromium, dir.path(), &extra, &url);
    if let Ok(keep) = std::env::var("IMPULS_SCREENSHOT_OUT") {
        std::fs::copy(&shot, &keep).expect("copy screenshot");
        let page = Path::new(&keep).with_extension("html");
        std::fs::copy(dir.path().join("report.html"), &page).expect("copy page");
        eprintln!("screenshot kept at {keep}, page at {}", page.display());
    }
    let img = Image::load(&shot);
    assert_eq!((img.width, img.height), (1400, 2200), "screenshot size");

    let (map_bb, map_bg_px) = img
        .bbox_of(colour::MAP_BG)
        .expect("map background visible in the screenshot");
    let (chart_bb, chart_bg_px) = img
        .bbox_of(colour::CHART_BG)
        .expect("chart background visible in the screenshot");
    assert!(
        map_bg_px > 50_000,
        "map frame too small: {map_bg_px} px in {map_bb:?}"
    );
    assert!(
        chart_bg_px > 30_000,
        "chart plot too small: {chart_bg_px} px in {chart_bb:?}"
    );
    let disjoint = map_bb.2 < chart_bb.0
        || chart_bb.2 < map_bb.0
        || map_bb.3 < chart_bb.1
        || chart_bb.3 < map_bb.1;
    assert!(disjoint, "map {map_bb:?} and chart {chart_bb:?} overlap");

    // Map: the server-side colours of P1 on the largest places (biggest circles).
    let html = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    assert_largest_places_drawn(&img, map_bb, &set, &place_colours(&html, "P1"));
    assert!(
        img.count_drawn(map_bb, colour::MAP_BG) > 5_000,
        "map has too little drawn content"
    );
    assert!(
        img.count_near(map_bb, colour::PARTNER, 2) >= 60,
        "partner town squares missing"
    );
    assert_eq!(
        img.count_near(map_bb, colour::STATUS_QUO, 0),
        0,
        "status quo red appears on the map"
    );

    // Chart: the red status quo diamond and the proposal points.
    let red = img.count_near(chart_bb, colour::STATUS_QUO, 2);
    assert!(
        red >= 60,
        "status quo marker: only {red} red pixels in the chart {chart_bb:?}"
    );
    let blue = img.count_near(chart_bb, colour::PROPOSAL, 2);
    assert!(
        blue >= 4 * 40,
        "proposal points: only {blue} pixels in the chart"
    );
    assert!(
        img.count_near(chart_bb, colour::SELECTED, 2) >= 40,
        "selection ring missing in the chart"
    );
    assert!(
        img.count_drawn(chart_bb, colour::CHART_BG) > 3_000,
        "chart has too little drawn content"
    );
}

#[test]
fn script_switches_to_the_proposal_in_the_url() {
    let Some(chromium) = chromium_or_skip("script_switches_to_the_proposal_in_the_url") else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let set = sample();
    let url = write_report(dir.path(), &set);
    let html = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    let (p1, p4) = (place_colours(&html, "P1"), place_colours(&html, "P4"));
    let changed: Vec<usize> = (0..p1.len()).filter(|&i| p1[i] != p4[i]).collect();
    assert!(
        !changed.is_empty(),
        "the sample should colour some place differently in P1 and P4"
    );

    let dom = run_chromium(
        &chromium,
        dir.path(),
        &["--dump-dom".to_string()],
        &format!("{url}#P4"),
    );
    assert!(
        dom.contains(r#"id="map""#),
        "DOM dump contains the page:\n{}",
        tail(&dom, 500)
    );
    for i in changed {
        let at = dom
            .find(&format!(r#"data-i="{i}""#))
            .expect("place circle in DOM");
        let tag_end = at + dom[at..].find('>').unwrap();
        let tag_start = dom[..at].rfind('<').unwrap();
        let tag = &dom[tag_start..tag_end];
        assert!(
            tag.contains(&format!(r#"fill="{}""#, p4[i].hex())),
            "place {i} not recoloured for P4: {tag}"
        );
    }
    let detail = dom
        .find(r#"class="detail" data-id="P4""#)
        .expect("P4 detail panel");
    let detail_tag = &dom[detail..detail + dom[detail..].find('>').unwrap()];
    assert!(
        !detail_tag.contains("hidden"),
        "P4 detail panel shown: {detail_tag}"
    );
    let p1_detail = dom
        .find(r#"class="detail" data-id="P1""#)
        .expect("P1 detail panel");
    let p1_tag = &dom[p1_detail..p1_detail + dom[p1_detail..].find('>').unwrap()];
    assert!(
        p1_tag.contains("hidden"),
        "P1 detail panel hidden: {p1_tag}"
    );
}

/// `html` with `script` run at the end of the body (after the page's own script).
fn with_script(html: &str, script: &str) -> String {
    let at = html.rfind("</body>").expect("body end");
    format!("{}<script>{script}</script>{}", &html[..at], &html[at..])
}

/// The start tag of the element whose attributes contain `needle`, in a DOM dump.
fn tag_with<'a>(dom: &'a str, needle: &str) -> &'a str {
    let at = dom
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not in the DOM"));
    let start = dom[..at].rfind('<').unwrap();
    let end = at + dom[at..].find('>').unwrap();
    &dom[start..=end]
}

#[test]
fn the_map_switches_to_public_transport_and_representatives_render() {
    let Some(chromium) =
        chromium_or_skip("the_map_switches_to_public_transport_and_representatives_render")
    else {
        return;
    };
    let set = harz_front_with_pt();
    let shown = set
        .representatives
        .iter()
        .find(|r| r.id != "P1")
        .expect("a representative other than P1")
        .id
        .clone();
    let dir = tempfile::tempdir().expect("temp dir");
    let html = render(&set);
    // what a user does: click "ÖPNV", then a representative's "show" button; then measure
    let script = format!(
        r#"document.getElementById("mode-pt").click();
document.querySelector('button[data-show="{shown}"]').click();
var reps = document.getElementById("representatives");
reps.setAttribute("data-test-height", String(Math.round(reps.getBoundingClientRect().height)));
reps.setAttribute("data-test-cards", String(document.querySelectorAll("article.rep").length));
document.getElementById("map").scrollIntoView();"#
    );
    let page = dir.path().join("report.html");
    std::fs::write(&page, with_script(&html, &script)).unwrap();
    let url = format!("file://{}", page.display());

    let dom = run_chromium(&chromium, dir.path(), &["--dump-dom".to_string()], &url);
    assert!(
        tag_with(&dom, r#"id="map""#).contains(r#"data-mode="pt""#),
        "map not in ÖPNV mode"
    );
    let pt = colours_of(&html, &shown, "colours_pt");
    let car = colours_of(&html, &shown, "colours");
    assert!(pt.iter().zip(&car).any(|(a, b)| a != b), "modes differ");
    for (i, c) in pt.iter().enumerate() {
        let tag = tag_with(&dom, &format!(r#"class="place" data-i="{i}""#));
        assert!(
            tag.contains(&format!(r#"fill="{}""#, c.hex())),
            "place {i} not recoloured by ÖPNV for {shown}: {tag}"
        );
    }
    let data: serde_json::Value = {
        let tag = r#"<script type="application/json" id="data">"#;
        let start = html.find(tag).unwrap() + tag.len();
        let end = start + html[start..].find("</script>").unwrap();
        serde_json::from_str(&html[start..end]).unwrap()
    };
    let beyond: Vec<u64> = data["proposals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == shown.as_str())
        .unwrap()["beyond_pt"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b.as_u64().unwrap())
        .collect();
    assert!(beyond.iter().any(|&b| b > 0), "some place beyond 90 min");
    for (i, &b) in beyond.iter().enumerate() {
        let tag = tag_with(&dom, &format!(r#"class="pt-beyond" data-i="{i}""#));
        let want = if b > 0 { "visible" } else { "hidden" };
        assert!(
            tag.contains(&format!(r#"visibility="{want}""#)),
            "ring of place {i}: {tag}"
        );
    }
    let pt_legend = tag_with(&dom, r#"class="legend-mode" data-mode="pt""#);
    let car_legend = tag_with(&dom, r#"class="legend-mode" data-mode="car""#);
    assert!(pt_legend.contains(r#"display="inline""#), "{pt_legend}");
    assert!(car_legend.contains(r#"display="none""#), "{car_legend}");
    // the representative is selected everywhere
    assert!(tag_with(&dom, &format!(r#"class="rep current" data-id="{shown}""#)).contains("rep"));
    let detail = tag_with(&dom, &format!(r#"class="detail" data-id="{shown}""#));
    assert!(!detail.contains("hidden"), "{detail}");
    let reps = tag_with(&dom, r#"id="representatives""#);
    let height: u32 = reps
        .split(r#"data-test-height=""#)
        .nth(1)
        .and_then(|x| x.split('"').next())
        .and_then(|x| x.parse().ok())
        .expect("height measured");
    assert!(height > 300, "representatives section is {height} px high");
    assert!(reps.contains(&format!(
        r#"data-test-cards="{}""#,
        set.representatives.len()
    )));

    // the screenshot: the map (scrolled into view) shows the ÖPNV colours and the rings
    let shot = dir.path().join("pt.png");
    run_chromium(
        &chromium,
        dir.path(),
        &[
            "--window-size=1400,1400".to_string(),
            format!("--screenshot={}", shot.display()),
        ],
        &url,
    );
    if let Ok(keep) = std::env::var("IMPULS_SCREENSHOT_OUT") {
        let keep = Path::new(&keep).with_extension("pt.png");
        std::fs::copy(&shot, &keep).expect("copy screenshot");
        eprintln!("ÖPNV screenshot kept at {}", keep.display());
    }
    let img = Image::load(&shot);
    let (map_bb, _) = img
        .bbox_of(colour::MAP_BG)
        .expect("map background visible after scrolling to it");
    assert_largest_places_drawn(&img, map_bb, &set, &pt);
    assert!(
        img.count_near(map_bb, colour::PT_BEYOND, 30) >= 20,
        "rings of places beyond the ÖPNV reach not drawn"
    );
}

/// The badge colour of a scenario class (the page's style sheet).
fn badge_colour(class: &str) -> Rgb {
    match class {
        "optimal" => Rgb(0xd3, 0xf0, 0xdc),
        "within_1pct" => Rgb(0xfd, 0xe9, 0xc4),
        "outside" => Rgb(0xf9, 0xd6, 0xd5),
        other => panic!("unknown class {other}"),
    }
}

/// One laid-out badge: class, page rectangle (x, y, width, height), computed background.
struct Badge {
    class: String,
    rect: (usize, usize, usize, usize),
    background: String,
}

#[test]
fn scenario_badges_render_in_their_class_colours() {
    let Some(chromium) = chromium_or_skip("scenario_badges_render_in_their_class_colours") else {
        return;
    };
    let (set, html) = harz_scenario_run();
    let script = r#"var out = [];
document.querySelectorAll(".sc-badge").forEach(function (b) {
  var r = b.getBoundingClientRect();
  out.push([b.getAttribute("data-class"), Math.round(r.left), Math.round(r.top + window.scrollY),
    Math.round(r.width), Math.round(r.height), getComputedStyle(b).backgroundColor].join("|"));
});
document.body.setAttribute("data-test-badges", out.join(";"));
document.body.setAttribute("data-test-height", String(document.documentElement.scrollHeight));"#;
    let dir = tempfile::tempdir().expect("temp dir");
    let page = dir.path().join("report.html");
    std::fs::write(&page, with_script(&html, script)).unwrap();
    let url = format!("file://{}", page.display());
    // the same width as the screenshot below, so that the page coordinates agree
    let dom = run_chromium(
        &chromium,
        dir.path(),
        &[
            "--dump-dom".to_string(),
            "--window-size=1400,1400".to_string(),
        ],
        &url,
    );
    let body = tag_with(&dom, "data-test-badges=");
    let attr = |name: &str| {
        body.split(&format!(r#"{name}=""#))
            .nth(1)
            .and_then(|x| x.split('"').next())
            .unwrap_or_else(|| panic!("{name} measured"))
            .to_string()
    };
    let badges: Vec<Badge> = attr("data-test-badges")
        .split(';')
        .map(|b| {
            let f: Vec<&str> = b.split('|').collect();
            let n = |k: usize| f[k].parse::<f64>().expect("number").max(0.0) as usize;
            Badge {
                class: f[0].to_string(),
                rect: (n(1), n(2), n(3), n(4)),
                background: f[5].to_string(),
            }
        })
        .collect();
    let s = set.scenario.as_ref().unwrap();
    // the three counts, a badge in each representative card and in its row of the section,
    // one per proposal in the table of all proposals (the new proposals' table is collapsed)
    assert_eq!(
        badges.len(),
        3 + 2 * set.representatives.len() + set.proposals.len(),
        "badges laid out"
    );
    for class in ["optimal", "within_1pct", "outside"] {
        let listed = set
            .proposals
            .iter()
            .filter(|p| p.scenario.as_ref().unwrap().class == class)
            .count();
        let shown = badges.iter().filter(|b| b.class == class).count();
        let reps = set
            .representatives
            .iter()
            .filter(|r| {
                let p = set.proposals.iter().find(|p| p.id == r.id).unwrap();
                p.scenario.as_ref().unwrap().class == class
            })
            .count();
        assert_eq!(shown, 1 + listed + 2 * reps, "{class} badges");
        let count = match class {
            "optimal" => s.stays_optimal,
            "within_1pct" => s.within_1pct,
            _ => s.outside,
        };
        assert_eq!(count, listed, "{class}: summary and proposals agree");
    }
    for b in &badges {
        let Rgb(r, g, bl) = badge_colour(&b.class);
        assert_eq!(b.background, format!("rgb({r}, {g}, {bl})"), "{}", b.class);
        assert!(
            b.rect.2 >= 20 && b.rect.3 >= 10,
            "{} badge {:?}",
            b.class,
            b.rect
        );
    }

    // the screenshot of the whole page: each card badge is drawn in its colour
    let height: usize = attr("data-test-height").parse().expect("page height");
    let shot = dir.path().join("badges.png");
    run_chromium(
        &chromium,
        dir.path(),
        &[
            format!("--window-size=1400,{}", height.min(16_000)),
            format!("--screenshot={}", shot.display()),
        ],
        &url,
    );
    if let Ok(keep) = std::env::var("IMPULS_SCREENSHOT_OUT") {
        let keep = Path::new(&keep).with_extension("scenario.png");
        std::fs::copy(&shot, &keep).expect("copy screenshot");
        eprintln!("scenario screenshot kept at {}", keep.display());
    }
    let img = Image::load(&shot);
    let mut checked = 0;
    for b in &badges {
        let (x, y, w, h) = b.rect;
        if y + h >= img.height || x + w >= img.width {
            continue;
        }
        checked += 1;
        let inside = img.count_near((x, y, x + w - 1, y + h - 1), badge_colour(&b.class), 3);
        assert!(
            inside * 3 >= w * h,
            "{} badge at {:?}: only {inside} of {} pixels in its colour",
            b.class,
            b.rect,
            w * h
        );
    }
    assert_eq!(
        checked,
        badges.len(),
        "every badge lies within the screenshot"
    );
}
