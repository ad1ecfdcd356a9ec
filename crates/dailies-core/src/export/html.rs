//! The HTML report: one self-contained file (styles inline, posters as `data:` URIs) a
//! creator can mail to a client. Every piece of text from the library is escaped.

use std::fmt::Write;
use std::path::Path;

use base64::Engine;

use crate::api::{ClipStatus, ClipView, CostKind, RunView};

pub async fn report(run: &RunView, media_dir: &Path) -> String {
    let mut cards = String::new();
    for clip in &run.clips {
        let poster = match &clip.poster_path {
            Some(rel) => poster_uri(&media_dir.join(rel)).await,
            None => None,
        };
        card(&mut cards, run, clip, poster.as_deref());
    }
    let (billed, estimated) = cost_split(&run.clips);
    let mut summary = format!("{} clip{}", run.clips.len(), if run.clips.len() == 1 { "" } else { "s" });
    if billed + estimated > 0.0 {
        let _ = write!(summary, " · total {}", usd(billed + estimated));
        let _ = write!(summary, " ({} billed, {} estimated)", usd(billed), usd(estimated));
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Dailies · {title}</title><style>{STYLE}</style></head><body>\
         <header><p class=\"kicker\">Dailies comparison · {created}</p><h1>{prompt}</h1>\
         <p class=\"meta\">{summary} · run <code>{run_id}</code></p></header>\
         <main class=\"cards\">{cards}</main>\
         <footer>Costs marked <b>billed</b> were reported by the provider; <b>estimated</b> ones are \
         catalog price × seconds asked. Latency: queued, generating, downloading.</footer>\
         </body></html>\n",
        title = esc(&truncate(&run.prompt, 80)),
        created = esc(&run.created_at),
        prompt = esc(&run.prompt),
        summary = esc(&summary),
        run_id = esc(&run.run_id),
    )
}

fn card(out: &mut String, run: &RunView, c: &ClipView, poster: Option<&str>) {
    let winner = run.winner_clip_id.as_deref() == Some(c.id.as_str());
    let _ = write!(out, "<article class=\"card{}\">", if winner { " winner" } else { "" });
    match poster {
        Some(uri) => {
            let _ = write!(out, "<img class=\"poster\" alt=\"{}\" src=\"{uri}\">", esc(&c.model_name));
        }
        None => {
            let _ = write!(out, "<div class=\"poster none\">{}</div>", esc(status_word(c.status)));
        }
    }
    let _ = write!(out, "<div class=\"body\"><h2>{}", esc(&c.model_name));
    if winner {
        out.push_str(" <span class=\"badge\">★ Winner</span>");
    }
    let _ = write!(out, "</h2><p class=\"route\">{}@{}", esc(&c.model), esc(&c.route));
    if c.take > 1 {
        let _ = write!(out, " · take {}", c.take);
    }
    out.push_str("</p><dl>");
    row(out, "Status", status_word(c.status));
    if let (Some(cost), Some(kind)) = (c.cost_usd, c.cost_kind) {
        let kind = match kind {
            CostKind::Billed => "billed",
            CostKind::Estimated => "estimated",
        };
        row(out, "Cost", &format!("{} {kind}", usd(cost)));
    } else {
        row(out, "Cost", &format!("{} estimated, not delivered", usd(c.estimated_cost_usd)));
    }
    let l = &c.latency_ms;
    let phases = [("queued", l.queued), ("generating", l.generating), ("downloading", l.downloading)];
    let split: Vec<String> = phases.iter().filter_map(|(name, ms)| Some(format!("{name} {}", secs((*ms)?)))).collect();
    if let Some(total) = l.total {
        row(out, "Latency", &format!("{} ({})", secs(total), split.join(" · ")));
    }
    if let (Some(w), Some(h), Some(d)) = (c.width, c.height, c.duration_s) {
        let audio = if c.has_audio == Some(true) { "audio" } else { "no audio" };
        row(out, "Delivered", &format!("{w}×{h} · {d:.1} s · {audio}"));
    }
    if let Some(stars) = c.rating {
        let shown: String = (1..=5).map(|i| if i <= stars { '★' } else { '☆' }).collect();
        row(out, "Rating", &shown);
    }
    out.push_str("</dl>");
    for note in &c.parity {
        let _ = write!(out, "<p class=\"parity\">{}: {}</p>", esc(&note.param), esc(&note.message));
    }
    if let Some(error) = &c.error {
        let _ = write!(out, "<p class=\"error\">{}</p>", esc(&error.message));
    }
    if let Some(note) = c.note.as_deref().filter(|n| !n.trim().is_empty()) {
        let _ = write!(out, "<p class=\"note\">{}</p>", esc(note));
    }
    if !c.tags.is_empty() {
        out.push_str("<p class=\"tags\">");
        for tag in &c.tags {
            let _ = write!(out, "<span>{}</span>", esc(tag));
        }
        out.push_str("</p>");
    }
    out.push_str("</div></article>");
}

fn row(out: &mut String, term: &str, value: &str) {
    let _ = write!(out, "<dt>{}</dt><dd>{}</dd>", esc(term), esc(value));
}

/// A poster file as a `data:` URI; `None` (a placeholder is shown) when it cannot be read.
async fn poster_uri(path: &Path) -> Option<String> {
    match tokio::fs::read(path).await {
        Ok(bytes) => {
            Some(format!("data:image/jpeg;base64,{}", base64::engine::general_purpose::STANDARD.encode(bytes)))
        }
        Err(e) => {
            tracing::warn!(path = %path.display(), error = %e, "poster missing from the report");
            None
        }
    }
}

fn cost_split(clips: &[ClipView]) -> (f64, f64) {
    clips.iter().fold((0.0, 0.0), |(b, e), c| match (c.cost_usd, c.cost_kind) {
        (Some(cost), Some(CostKind::Billed)) => (b + cost, e),
        (Some(cost), _) => (b, e + cost),
        _ => (b, e),
    })
}

fn status_word(s: ClipStatus) -> &'static str {
    match s {
        ClipStatus::Succeeded => "Delivered",
        ClipStatus::Failed => "Failed",
        ClipStatus::Canceled => "Canceled",
        ClipStatus::Unknown => "Unknown (may have been charged)",
        _ => "Not finished",
    }
}

fn usd(x: f64) -> String {
    format!("${x:.3}")
}

fn secs(ms: i64) -> String {
    format!("{:.1} s", ms as f64 / 1000.0)
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max).collect();
    format!("{cut}…")
}

/// Text and attribute values: the five characters HTML gives meaning to.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "\
:root{color-scheme:light;--ink:#1c1d21;--muted:#6b6f7a;--line:#e4e5ea;--accent:#b4690e}\
*{box-sizing:border-box}body{margin:0;padding:40px 32px;font:15px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;\
color:var(--ink);background:#f6f6f8}header{max-width:1100px;margin:0 auto 28px}\
.kicker{margin:0;color:var(--muted);font-size:13px;text-transform:uppercase;letter-spacing:.06em}\
h1{margin:6px 0 8px;font-size:24px;line-height:1.3;font-weight:600}.meta{margin:0;color:var(--muted)}\
code{font:12px ui-monospace,monospace}\
.cards{max-width:1100px;margin:0 auto;display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:20px}\
.card{background:#fff;border:1px solid var(--line);border-radius:10px;overflow:hidden}\
.card.winner{border:2px solid var(--accent);box-shadow:0 0 0 3px #b4690e22}\
.poster{display:block;width:100%;aspect-ratio:16/9;object-fit:cover;background:#111}\
.poster.none{display:flex;align-items:center;justify-content:center;color:#aaa;font-size:13px}\
.body{padding:14px 16px 16px}h2{margin:0;font-size:17px;font-weight:600}\
.badge{display:inline-block;margin-left:6px;padding:1px 8px;border-radius:99px;background:var(--accent);color:#fff;\
font-size:12px;vertical-align:2px}.route{margin:2px 0 10px;color:var(--muted);font-size:13px}\
dl{display:grid;grid-template-columns:auto 1fr;gap:3px 12px;margin:0;font-size:14px}dt{color:var(--muted)}dd{margin:0}\
.parity{margin:8px 0 0;padding:6px 8px;background:#fff6e6;border-radius:6px;font-size:13px}\
.error{margin:8px 0 0;padding:6px 8px;background:#fdecec;border-radius:6px;font-size:13px}\
.note{margin:8px 0 0;font-style:italic}.tags{margin:10px 0 0;display:flex;flex-wrap:wrap;gap:6px}\
.tags span{padding:1px 8px;border-radius:99px;background:#eef0f4;font-size:12px}\
footer{max-width:1100px;margin:28px auto 0;color:var(--muted);font-size:12px}\
@media print{body{background:#fff;padding:0}.card{break-inside:avoid}}";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_everything_html_reads_as_markup() {
        assert_eq!(
            esc("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
    }

    #[test]
    fn long_titles_are_cut_on_characters_not_bytes() {
        assert_eq!(truncate("café", 3), "caf…");
        assert_eq!(truncate("ok", 3), "ok");
    }
}
