//! How a model's clip looks and sounds: a lavfi source, colours and a tone picked from a
//! stable hash of the model key, so each tile in a comparison is recognisably different.

use std::path::Path;

use super::{frame_marks, ClipSpec};
use crate::clip_render::ClipRender;

const FONT: &str = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

/// A lavfi source. `reduced` sources are expensive per pixel (fractals, cellular
/// automata), so they render at a quarter of the size and are scaled up. `mono` sources
/// are black and white, so they are tinted instead of hue-turned.
struct Source {
    graph: &'static str,
    reduced: bool,
    mono: bool,
}

const fn src(graph: &'static str, reduced: bool, mono: bool) -> Source {
    Source { graph, reduced, mono }
}

const SOURCES: &[Source] = &[
    src("testsrc2", false, false),
    src("smptehdbars", false, false),
    src("mandelbrot", true, false),
    src("rgbtestsrc", false, false),
    src("gradients=speed=0.03", true, false),
    src("life=mold=10:ratio=0.1:death_color=#0a2040:life_color=#f0c020", true, false),
    src("cellauto=rule=110", true, true),
    src("testsrc", false, false),
    src("colorspectrum=type=all", true, false),
    src("sierpinski", true, true),
];

/// The ffmpeg arguments (inputs, filters, encoder settings) that render `spec` to `out`.
pub(super) fn ffmpeg_args(spec: &ClipSpec, render: ClipRender, out: &Path) -> Vec<String> {
    let fps = render.fps;
    let hash = super::stable_hash(&spec.key);
    let source = &SOURCES[(hash % SOURCES.len() as u64) as usize];
    let (w, h) = (spec.width, spec.height);
    let (src_w, src_h) = if source.reduced { (even((w / 4).max(2)), even((h / 4).max(2))) } else { (w, h) };
    let sep = if source.graph.contains('=') { ':' } else { '=' };
    let input = format!("{}{sep}size={src_w}x{src_h}:rate={fps}", source.graph);

    // A colour turn keeps models that hash to the same source apart; it is cheap next to
    // the encode (measured: no difference at 1080p).
    let mut filters = vec![if source.mono { tint(hash) } else { format!("hue=h={}", (hash >> 8) % 360) }];
    filters.push(format!("scale={w}:{h}:flags=bilinear"));
    // The timecode moves below the frame-number blocks so neither hides the other.
    let mut text_top = 0;
    if render.frame_numbers {
        filters.extend(frame_marks::filters(w));
        text_top = frame_marks::block_size(w);
    }
    if Path::new(FONT).exists() {
        filters.extend(overlay(spec, text_top));
    }
    filters.push("format=yuv420p".to_owned());

    let mut args: Vec<String> = ["-hide_banner", "-loglevel", "error", "-nostdin", "-y"].map(String::from).to_vec();
    args.extend(["-f".into(), "lavfi".into(), "-i".into(), input]);
    if spec.audio {
        // 220–880 Hz in quarter-tone-ish steps; the beeps make A/V sync visible.
        let freq = 220 + (hash >> 20) % 13 * 50;
        let sine = format!("sine=frequency={freq}:beep_factor=4:sample_rate=44100");
        args.extend(["-f".into(), "lavfi".into(), "-i".into(), sine]);
    }
    let kbps = (u64::from(w) * u64::from(h) * u64::from(fps) / 25_000).max(200);
    args.extend([
        "-t".into(),
        spec.seconds.to_string(),
        "-vf".into(),
        filters.join(","),
        "-r".into(),
        fps.to_string(),
        "-c:v".into(),
        "libx264".into(),
        "-preset".into(),
        "ultrafast".into(),
        // A keyframe every second keeps scrubbing in the comparison player responsive.
        "-g".into(),
        fps.to_string(),
        "-b:v".into(),
        format!("{kbps}k"),
    ]);
    if spec.audio {
        args.extend(["-c:a", "aac", "-b:a", "64k"].map(String::from));
    }
    args.extend(["-movflags", "+faststart", "-f", "mp4"].map(String::from));
    args.push(out.to_string_lossy().into_owned());
    args
}

/// The model name centred low, and a running timecode plus the size top-left, so a
/// viewer can tell tiles apart and check that synced playback is in step. The timecode
/// starts `top` pixels down.
fn overlay(spec: &ClipSpec, top: u32) -> [String; 2] {
    let box_style = "fontcolor=white:box=1:boxcolor=black@0.55";
    let label = sanitize(&spec.label);
    [
        format!(
            "drawtext=fontfile={FONT}:text='{label}':fontsize=h/14:{box_style}:boxborderw=12:\
             x=(w-tw)/2:y=h-th-h/10"
        ),
        format!(
            "drawtext=fontfile={FONT}:text='%{{pts\\:hms}}  {}x{}':fontsize=h/24:{box_style}:\
             boxborderw=8:x=h/24:y={top}+h/24",
            spec.width, spec.height
        ),
    ]
}

/// Scales white to a per-model colour, each channel between 0.3 and 1.0.
fn tint(hash: u64) -> String {
    let gain = |shift: u32| 0.3 + ((hash >> shift) % 8) as f64 / 10.0;
    format!("format=rgb24,colorchannelmixer=rr={}:gg={}:bb={}", gain(32), gain(40), gain(48))
}

/// drawtext's own escaping rules are fiddly; labels only need plain characters.
fn sanitize(label: &str) -> String {
    label.chars().map(|c| if c.is_ascii_alphanumeric() || " .-+()".contains(c) { c } else { ' ' }).collect()
}

fn even(n: u32) -> u32 {
    n + n % 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_lose_filtergraph_metacharacters() {
        assert_eq!(sanitize("Kling: 3.0 'Pro',x"), "Kling  3.0  Pro  x");
    }

    #[test]
    fn args_end_with_the_output_and_carry_audio_only_when_asked() {
        let args = ffmpeg_args(&spec(), ClipRender::default(), Path::new("/tmp/o.mp4"));
        assert_eq!(args.last().map(String::as_str), Some("/tmp/o.mp4"));
        assert!(!args.iter().any(|a| a == "aac"));
        let with_audio = ffmpeg_args(&ClipSpec { audio: true, ..spec() }, ClipRender::default(), Path::new("o"));
        assert!(with_audio.iter().any(|a| a == "aac"));
    }

    fn spec() -> ClipSpec {
        ClipSpec { key: "k".into(), label: "K".into(), width: 320, height: 240, seconds: 2, audio: false }
    }

    /// The value following `flag` in `args`.
    fn after<'a>(args: &'a [String], flag: &str) -> &'a str {
        let at = args.iter().position(|a| a == flag).unwrap_or_else(|| panic!("{flag} missing"));
        &args[at + 1]
    }

    #[test]
    fn default_render_is_12_fps_without_frame_marks() {
        let args = ffmpeg_args(&spec(), ClipRender::default(), Path::new("o"));
        assert!(after(&args, "-i").ends_with(":rate=12"), "{args:?}");
        assert_eq!((after(&args, "-r"), after(&args, "-g")), ("12", "12"));
        assert!(!after(&args, "-vf").contains("drawbox"), "{args:?}");
    }

    #[test]
    fn review_render_is_24_fps_with_frame_marks_under_the_timecode() {
        let args = ffmpeg_args(&spec(), ClipRender::REVIEW, Path::new("o"));
        assert!(after(&args, "-i").ends_with(":rate=24"), "{args:?}");
        assert_eq!((after(&args, "-r"), after(&args, "-g")), ("24", "24"));
        let vf = after(&args, "-vf");
        // After scaling (exact-size blocks), before the pixel format conversion.
        let (scale, marks, format) =
            (vf.find("scale=").unwrap(), vf.find("drawbox").unwrap(), vf.find("format=yuv420p").unwrap());
        assert!(scale < marks && marks < format, "{vf}");
        assert_eq!(vf.matches("color=white:t=fill").count(), 8, "{vf}");
        if Path::new(FONT).exists() {
            assert!(vf.contains("y=20+h/24"), "timecode below the 20 px blocks: {vf}");
        }
        // Twice the frames, twice the bitrate (same bits per frame as the default; above the floor).
        let hd = ClipSpec { width: 1920, height: 1080, ..spec() };
        let kbps = |render| {
            let a = ffmpeg_args(&hd, render, Path::new("o"));
            after(&a, "-b:v").trim_end_matches('k').parse::<u32>().unwrap()
        };
        assert_eq!(kbps(ClipRender::REVIEW), 2 * kbps(ClipRender::default()));
    }
}
