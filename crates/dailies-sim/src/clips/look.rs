//! How a model's clip looks and sounds: a lavfi source, colours and a tone picked from a
//! stable hash of the model key, so each tile in a comparison is recognisably different.

use std::path::Path;

use super::ClipSpec;

const FONT: &str = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

/// Output frame rate. Low on purpose: encode time on 2 cores scales with it, and a
/// comparison grid doesn't need smooth motion.
pub(super) const FPS: u32 = 12;

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
pub(super) fn ffmpeg_args(spec: &ClipSpec, out: &Path) -> Vec<String> {
    let hash = super::stable_hash(&spec.key);
    let source = &SOURCES[(hash % SOURCES.len() as u64) as usize];
    let (w, h) = (spec.width, spec.height);
    let (src_w, src_h) = if source.reduced { (even((w / 4).max(2)), even((h / 4).max(2))) } else { (w, h) };
    let sep = if source.graph.contains('=') { ':' } else { '=' };
    let input = format!("{}{sep}size={src_w}x{src_h}:rate={FPS}", source.graph);

    // A colour turn keeps models that hash to the same source apart; it is cheap next to
    // the encode (measured: no difference at 1080p).
    let mut filters = vec![if source.mono { tint(hash) } else { format!("hue=h={}", (hash >> 8) % 360) }];
    filters.push(format!("scale={w}:{h}:flags=bilinear"));
    if Path::new(FONT).exists() {
        filters.extend(overlay(spec));
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
    let kbps = (u64::from(w) * u64::from(h) * u64::from(FPS) / 25_000).max(200);
    args.extend([
        "-t".into(),
        spec.seconds.to_string(),
        "-vf".into(),
        filters.join(","),
        "-r".into(),
        FPS.to_string(),
        "-c:v".into(),
        "libx264".into(),
        "-preset".into(),
        "ultrafast".into(),
        // A keyframe every second keeps scrubbing in the comparison player responsive.
        "-g".into(),
        FPS.to_string(),
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
/// viewer can tell tiles apart and check that synced playback is in step.
fn overlay(spec: &ClipSpec) -> [String; 2] {
    let box_style = "fontcolor=white:box=1:boxcolor=black@0.55";
    let label = sanitize(&spec.label);
    [
        format!(
            "drawtext=fontfile={FONT}:text='{label}':fontsize=h/14:{box_style}:boxborderw=12:\
             x=(w-tw)/2:y=h-th-h/10"
        ),
        format!(
            "drawtext=fontfile={FONT}:text='%{{pts\\:hms}}  {}x{}':fontsize=h/24:{box_style}:\
             boxborderw=8:x=h/24:y=h/24",
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
        let spec = ClipSpec { key: "k".into(), label: "K".into(), width: 320, height: 240, seconds: 2, audio: false };
        let args = ffmpeg_args(&spec, Path::new("/tmp/o.mp4"));
        assert_eq!(args.last().map(String::as_str), Some("/tmp/o.mp4"));
        assert!(!args.iter().any(|a| a == "aac"));
        let with_audio = ffmpeg_args(&ClipSpec { audio: true, ..spec }, Path::new("o"));
        assert!(with_audio.iter().any(|a| a == "aac"));
    }
}
