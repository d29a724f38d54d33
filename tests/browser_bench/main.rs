//! Browser benchmark of the results charts, run by `scripts/bench-browser.sh` (not by the test
//! suite: timings are reported, never asserted). In headless Chromium it measures, for 4
//! dimensions x 260 rounds (five years of weekly rounds), the median over 25 runs of:
//! writing the four trend charts' SVG in wasm, inserting them into the page and laying them
//! out, and the number of SVG nodes; and the whole dashboard (engine + markup + insertion)
//! for a 260-round file.
#![cfg(target_arch = "wasm32")]

use candor::chart::{Slot, TrendChart, trend_svg};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or_default()
}

fn median(mut times: Vec<f64>) -> f64 {
    times.sort_by(|a, b| a.total_cmp(b));
    times[times.len() / 2]
}

/// Four series of 260 rounds, one round in 13 suppressed, two events.
fn charts() -> String {
    let labels: Vec<String> = (0..260).map(|i| format!("Week {i}")).collect();
    let mut out = String::new();
    for d in 0..4 {
        let slots: Vec<Slot> = (0..260)
            .map(|i| {
                if i % 13 == 5 {
                    Slot::Suppressed
                } else {
                    let mean = 4.0 + ((i * (d + 3)) % 17) as f64 / 8.0;
                    Slot::Value {
                        mean,
                        ci: Some((mean - 0.4, mean + 0.4)),
                    }
                }
            })
            .collect();
        let id = format!("chart-{d}");
        out.push_str(
            trend_svg(&TrendChart {
                id: &id,
                title: "Dimension by round",
                scale: 7,
                slots: &slots,
                labels: &labels,
                point_labels: &labels,
                events: &[40, 180],
                done: &[],
                tab_stop: Some(259),
            })
            .as_str(),
        );
    }
    out
}

#[wasm_bindgen_test]
#[ignore = "benchmark: run with scripts/bench-browser.sh"]
fn trend_charts_260_rounds_x_4_dimensions() {
    let document = web_sys::window().unwrap().document().unwrap();
    let host = document.create_element("div").unwrap();
    host.set_attribute("style", "width: 360px").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    let (mut build, mut insert, mut total) = (Vec::new(), Vec::new(), Vec::new());
    let mut nodes = 0;
    for _ in 0..25 {
        host.set_inner_html("");
        let start = now();
        let markup = charts();
        let built = now();
        host.set_inner_html(&markup);
        // Reading a size forces style and layout, so the time includes them.
        let _ = host.get_bounding_client_rect().height();
        let done = now();
        build.push(built - start);
        insert.push(done - built);
        total.push(done - start);
        nodes = host.query_selector_all("svg, svg *").unwrap().length();
    }
    console_log!(
        "{}",
        format!(
            "BENCH trend charts 4 x 260 rounds: median total {:.2} ms (wasm markup {:.2} ms, insert + layout {:.2} ms), {} SVG nodes, {} bytes of markup",
            median(total),
            median(build),
            median(insert),
            nodes,
            charts().len()
        )
    );
    host.remove();
}

#[wasm_bindgen_test]
#[ignore = "benchmark: run with scripts/bench-browser.sh"]
fn engine_for_260_rounds() {
    let doc = candor::model::synth::synthetic(260, 260 * 9, 7);
    let mut times = Vec::new();
    for _ in 0..25 {
        let start = now();
        let report = candor::stats::report(&doc, 1);
        times.push(now() - start);
        assert_eq!(report.rounds().len(), 260);
    }
    console_log!(
        "{}",
        format!(
            "BENCH engine over 260 rounds x 9 responses x 17 questions: median {:.2} ms",
            median(times)
        )
    );
}

/// The same job in plain JavaScript, written for this benchmark: JSON.parse, a check of every
/// answer (known question, whole number in range, response id shape), recoding of reversed
/// questions, and per round and dimension the mean and SD of people's scores (groups below
/// the minimum dropped). It does less than the engine (no duplicates check, no agreement, no
/// intervals, no change), so it flatters JavaScript.
const JS_BASELINE: &str = r#"
const doc = JSON.parse(text);
if (doc.format !== "candor-survey" || doc.version !== 1) throw new Error("not a survey");
const scale = doc.survey.scale;
const dimensionOf = new Map(), reversed = new Map();
for (const q of doc.survey.questions) { dimensionOf.set(q.id, q.dimension); reversed.set(q.id, q.reverse); }
const removed = new Set(doc.removed);
const rounds = new Map();
for (const r of doc.responses) {
  if (typeof r.id !== "string" || r.id.length !== 32) throw new Error("bad id");
  if (removed.has(r.id)) continue;
  let totals = rounds.get(r.round);
  if (!totals) { totals = new Map(); rounds.set(r.round, totals); }
  const person = new Map();
  for (const q in r.answers) {
    const v = r.answers[q];
    if (!Number.isInteger(v) || v < 1 || v > scale) throw new Error("bad answer");
    const d = dimensionOf.get(q);
    if (d === undefined) throw new Error("unknown question");
    const x = reversed.get(q) ? scale + 1 - v : v;
    const p = person.get(d);
    if (p) { p[0] += x; p[1] += 1; } else person.set(d, [x, 1]);
  }
  for (const [d, p] of person) {
    const m = p[0] / p[1];
    const t = totals.get(d);
    if (t) { t[0] += m; t[1] += m * m; t[2] += 1; } else totals.set(d, [m, m * m, 1]);
  }
}
let shown = 0;
for (const totals of rounds.values()) for (const t of totals.values()) {
  if (t[2] < doc.survey.min_group) continue;
  const mean = t[0] / t[2];
  const sd = Math.sqrt((t[1] - t[2] * mean * mean) / (t[2] - 1));
  if (sd >= 0 && mean > 0) shown += 1;
}
return shown;
"#;

#[wasm_bindgen_test]
#[ignore = "benchmark: run with scripts/bench-browser.sh"]
fn load_and_report_wasm_vs_javascript() {
    let baseline = js_sys::Function::new_with_args("text", JS_BASELINE);
    for n in [1_000usize, 10_000, 100_000] {
        let bytes = candor::model::to_canonical_bytes(&candor::model::synth::synthetic(12, n, 7));
        let text = wasm_bindgen::JsValue::from_str(std::str::from_utf8(&bytes).unwrap());
        let runs = if n == 100_000 { 7 } else { 15 };
        let (mut wasm, mut js) = (Vec::new(), Vec::new());
        for _ in 0..runs {
            let start = now();
            let doc = candor::model::load(&bytes).unwrap();
            let report = candor::stats::report(&doc, 1);
            wasm.push(now() - start);
            assert_eq!(report.rounds().len(), 12);
            let start = now();
            let shown = baseline.call1(&wasm_bindgen::JsValue::NULL, &text).unwrap();
            js.push(now() - start);
            assert_eq!(shown.as_f64(), Some(36.0));
        }
        let (wasm, js) = (median(wasm), median(js));
        console_log!(
            "{}",
            format!(
                "BENCH load+report {n} responses ({:.1} MB): wasm {wasm:.1} ms, JavaScript {js:.1} ms, wasm is {:.2}x JavaScript's speed",
                bytes.len() as f64 / 1e6,
                js / wasm
            )
        );
    }
}
