//! The library part of `dailies bench`: a synthetic library of `runs` runs (two finished,
//! searchable clips each, varied prompts, some failed, some rated), then the list, search and
//! clip-grid queries the app runs, each timed at that size.

use std::time::Instant;

use dailies_core::api::{ClipStatus, CompareRequest, LibraryQuery, RunPlan};
use dailies_core::catalog::CanonicalParams;
use dailies_core::store::{Delivered, NewClip};
use dailies_core::{Error, Studio};

use crate::bench::{ms, Stat};

const SUBJECTS: &[&str] = &[
    "a lighthouse",
    "a harbour",
    "a Café terrace",
    "a red fox",
    "an astronaut",
    "a glacier",
    "a night market",
    "a steam train",
    "a flamenco dancer",
    "a tin robot",
    "a birch forest",
    "a desert caravan",
    "a koi pond",
    "a city skyline",
    "a jellyfish",
    "a señor selling churros",
];
const SETTINGS: &[&str] =
    &["in fog", "at dawn", "at golden-hour", "in the rain", "at night", "under fresh snow", "at noon", "in a storm"];
const STYLES: &[&str] =
    &["35mm film", "drone shot", "slow dolly-in", "handheld", "timelapse", "macro lens", "anime cel look", "film noir"];
const PAIRS: &[[&str; 2]] = &[
    ["kling-3.0-standard@fal", "sora-2@openai"],
    ["kling-3.0-pro@fal", "seedance-2.0-fast@seedance"],
    ["sora-2-pro@openai", "kling-3.0-standard@fal"],
];

/// A deterministic pseudo-random sequence (PCG's LCG step), so every bench sees one library.
/// Subjects cycle instead, so each one is present at any size.
struct Lcg(u64);

impl Lcg {
    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        from[((self.0 >> 33) as usize) % from.len()]
    }
}

/// Measures the library at each size in `sizes` (runs, ascending), growing one library, so
/// a row at 50k runs can be read against the same query at 500: the bar is p95 at
/// 100k clips within 1.5× the 1k-clip figure, and the larger rows say their ratio.
///
/// A query's cost follows the rows it returns, and the small library fills only part of a
/// page for a common word or a filter. So where a larger library returns more rows than the
/// smallest did, the same query is also timed capped at the smallest one's row count: that
/// row isolates what the library's size costs, at equal work.
pub async fn stats(studio: &Studio, sizes: &[usize]) -> Result<Vec<Stat>, Error> {
    let mut sizes = sizes.to_vec();
    sizes.sort_unstable();
    sizes.dedup();
    let mut stats: Vec<Stat> = Vec::new();
    // Per case, at the smallest size: its p95 and how many rows it returned.
    let mut smallest: Vec<(Option<f64>, usize)> = Vec::new();
    let (mut built, mut clips) = (0, 0);
    for &runs in &sizes {
        clips += build(studio, built, runs).await?;
        built = runs;
        for (i, case) in cases(runs).into_iter().enumerate() {
            let (mut stat, page) = time_case(studio, &case, runs, clips).await?;
            let Some(&(base, base_page)) = smallest.get(i) else {
                smallest.push((stat.pct(0.95), page));
                stats.push(stat);
                continue;
            };
            stat.note.push_str(&ratio(&stat, base, sizes[0]));
            stats.push(stat);
            if page != base_page && base_page > 0 {
                let capped = Case {
                    name: format!("{}, first {base_page} only (as many as at {} runs)", case.name, sizes[0]),
                    query: LibraryQuery { limit: u32::try_from(base_page).ok(), ..case.query.clone() },
                    grid: case.grid,
                };
                let (mut stat, _) = time_case(studio, &capped, runs, clips).await?;
                stat.note.push_str(&ratio(&stat, base, sizes[0]));
                stats.push(stat);
            }
        }
        stats.push(model_stats(studio, runs, clips).await?);
    }
    Ok(stats)
}

fn ratio(stat: &Stat, base: Option<f64>, base_runs: usize) -> String {
    match (stat.pct(0.95), base) {
        (Some(p95), Some(base)) if base > 0.0 => format!("; p95 {:.2}× the {base_runs}-run figure", p95 / base),
        _ => String::new(),
    }
}

/// One query the app runs: on the run list, or on the clip grid.
struct Case {
    name: String,
    query: LibraryQuery,
    grid: bool,
}

/// The same queries in the same order at every size (each row beside its smallest twin).
fn cases(runs: usize) -> Vec<Case> {
    let q = LibraryQuery::default;
    let text = |words: &str| LibraryQuery { text: Some(words.into()), ..q() };
    let failed_openai = || LibraryQuery { route: Some("openai".into()), status: Some("failed".into()), ..q() };
    let case = |name: &str, query: LibraryQuery, grid: bool| Case { name: name.into(), query, grid };
    vec![
        case("library list (newest 200 runs)", q(), false),
        case("library search, common word + prefix (`lighthouse in`)", text("lighthouse in"), false),
        case("library search, accent-free prefix (`cafe terr`)", text("cafe terr"), false),
        case("library search, one matching run (a unique word)", text(&format!("s{}", runs / 2)), false),
        case("library filter, route + status (`openai`, `failed`)", failed_openai(), false),
        case("clip grid (newest 200 clips)", q(), true),
        case("clip grid filter, route + status (`openai`, `failed`)", failed_openai(), true),
        case("clip grid search (`golden-hour`)", text("golden-hour"), true),
    ]
}

/// 50 timings of one case, and how many rows its page held.
async fn time_case(studio: &Studio, case: &Case, runs: usize, clips: usize) -> Result<(Stat, usize), Error> {
    let (mut samples, mut page) = (Vec::new(), 0);
    for _ in 0..50 {
        let t = Instant::now();
        let found = if case.grid {
            studio.search_clips(&case.query).await?.clips.len()
        } else {
            studio.search_run_page(&case.query).await?.runs.len()
        };
        samples.push(ms(t.elapsed()));
        // Every subject is in the library (it cycles), so these find something at any size.
        let may_be_empty = case.query.route.is_some() || case.query.text.as_deref() == Some("golden-hour");
        if found == 0 && !may_be_empty {
            return Err(Error::Catalog(format!("{}: found nothing", case.name)));
        }
        page = found;
    }
    let what = if case.grid { "clips" } else { "runs" };
    let note = format!("{runs} runs, {clips} clips; a page of {page} {what}; FTS5, keyset page through an index");
    Ok((Stat { name: case.name.clone().into(), unit: "ms", samples, note }, page))
}

async fn model_stats(studio: &Studio, runs: usize, clips: usize) -> Result<Stat, Error> {
    let mut samples = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        studio.model_stats(true).await?;
        samples.push(ms(t.elapsed()));
    }
    Ok(Stat {
        name: "per-model stats over the library".into(),
        unit: "ms",
        samples,
        note: format!("{runs} runs, {clips} clips; sums and nearest-rank percentiles in SQLite"),
    })
}

/// Writes synthetic runs `from..to`; every delivered clip points at one real MP4 the bench
/// made earlier, so the app can show and play the library. Returns how many clips it wrote.
async fn build(studio: &Studio, from: usize, to: usize) -> Result<usize, Error> {
    let source = studio.runs(1).await?.into_iter().next().ok_or_else(|| Error::Catalog("no bench run".into()))?;
    let real = studio.run(&source.run_id).await?.clips.into_iter().find(|c| c.status == ClipStatus::Succeeded);
    let real = real.ok_or_else(|| Error::Catalog("no delivered bench clip to reuse".into()))?;
    let (file, media) = (real.file.unwrap_or_default(), real.media_path.unwrap_or_default());
    let probe = dailies_core::probe::probe_mp4(std::path::Path::new(&file))?;
    let mut plans: Vec<RunPlan> = Vec::new();
    for pair in PAIRS {
        let req = CompareRequest {
            params: CanonicalParams { prompt: "bench".into(), duration_s: Some(5), ..Default::default() },
            models: pair.iter().map(|m| m.to_string()).collect(),
            ..Default::default()
        };
        plans.push(studio.plan(&req)?);
    }
    let mut rng = Lcg(7);
    let mut clips = 0;
    for i in from..to {
        let plan = &mut plans[i % PAIRS.len()];
        plan.params.prompt = format!("{} {}, {}, s{i}", rng.pick(SUBJECTS), rng.pick(SETTINGS), rng.pick(STYLES));
        let run_id = format!("benchrun{i:06}");
        let new: Vec<NewClip> = plan
            .clips
            .iter()
            .enumerate()
            .map(|(k, c)| NewClip {
                id: format!("{run_id}-{k}"),
                base_url: "http://bench".into(),
                request_json: "{}".into(),
                planned: c,
            })
            .collect();
        studio.store().insert_run(&run_id, plan, &new).await?;
        for (k, c) in new.iter().enumerate() {
            if k == 1 && i % 10 == 0 {
                studio.store().mark_failed(&c.id, ClipStatus::Failed, "bench", "a synthetic failure").await?;
            } else {
                let cost = c.planned.estimated_cost_usd;
                let delivered = Delivered {
                    probe: &probe,
                    file_path: &file,
                    media_path: &media,
                    cost_usd: cost,
                    billed_cost_usd: None,
                };
                studio.store().mark_delivered(&c.id, delivered).await?;
            }
            if i % 7 == 0 {
                studio.store().set_rating(&c.id, Some(1 + (i % 5) as u8)).await?;
            }
            clips += 1;
        }
        if i > 0 && i % 10_000 == 0 {
            tracing::info!(runs = i, "synthetic library");
        }
    }
    Ok(clips)
}
