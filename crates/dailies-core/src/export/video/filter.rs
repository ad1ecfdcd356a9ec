//! The ffmpeg filter graph of a side-by-side export: each tile scaled into the common box,
//! held on its last frame until the longest clip ends, labelled, then stacked.

use super::layout::{Geometry, VideoLayout};

/// One input clip as the graph sees it.
pub struct Tile {
    pub duration_s: f64,
    /// File name of the label text, relative to ffmpeg's working directory (a file, so no
    /// prompt or model name ever needs filter-graph escaping).
    pub label_file: Option<String>,
}

pub struct Graph<'a> {
    pub geometry: &'a Geometry,
    pub layout: VideoLayout,
    pub fps: u32,
    pub longest_s: f64,
    /// `fontfile=` for drawtext; `None` lets fontconfig choose.
    pub font_file: Option<&'a str>,
}

/// The `-filter_complex` text; its output pad is `[v]`.
pub fn build(graph: &Graph<'_>, tiles: &[Tile]) -> String {
    let g = graph.geometry;
    let mut chains = Vec::new();
    for (i, tile) in tiles.iter().enumerate() {
        let (w, h) = g.scaled[i];
        let hold = (graph.longest_s - tile.duration_s).max(0.0);
        let mut chain = format!("[{i}:v:0]scale={w}:{h},setsar=1,fps={},", graph.fps);
        // The shorter clip holds its last frame so every tile stays on screen to the end.
        chain.push_str(&format!("tpad=stop_mode=clone:stop_duration={:.3},", hold + 0.5));
        chain.push_str(&format!("pad={}:{}:(ow-iw)/2:(oh-ih)/2:color=black", g.tile_width, g.tile_height));
        if let Some(file) = &tile.label_file {
            chain.push(',');
            chain.push_str(&drawtext(file, g.tile_height, graph.font_file));
        }
        chain.push_str(&format!("[t{i}]"));
        chains.push(chain);
    }
    let inputs: String = (0..tiles.len()).map(|i| format!("[t{i}]")).collect();
    let n = tiles.len();
    let stack = match (n, graph.layout) {
        (1, _) => "null".to_string(),
        (_, VideoLayout::Row) => format!("hstack=inputs={n}"),
        (_, VideoLayout::Grid) if g.rows == 1 => format!("hstack=inputs={n}"),
        (_, VideoLayout::Grid) => {
            let cells: Vec<String> = (0..n as u32)
                .map(|i| {
                    let (x, y) = g.origin(i);
                    format!("{x}_{y}")
                })
                .collect();
            format!("xstack=inputs={n}:layout={}:fill=black", cells.join("|"))
        }
    };
    chains.push(format!("{inputs}{stack},format=yuv420p[v]"));
    chains.join(";")
}

/// Two lines bottom-left on a translucent band, sized to the tile.
fn drawtext(file: &str, tile_height: u32, font_file: Option<&str>) -> String {
    let size = (tile_height / 22).max(12);
    let font = font_file.map(|f| format!("fontfile={f}:")).unwrap_or_default();
    format!(
        "drawtext={font}textfile={file}:expansion=none:fontsize={size}:fontcolor=white:line_spacing={}:\
         box=1:boxcolor=black@0.6:boxborderw={}:x={}:y=h-th-{}",
        size / 3,
        size / 2,
        size,
        size
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiles(durations: &[f64]) -> Vec<Tile> {
        durations
            .iter()
            .enumerate()
            .map(|(i, &d)| Tile { duration_s: d, label_file: Some(format!("label-{i}.txt")) })
            .collect()
    }

    #[test]
    fn a_grid_places_each_tile_and_holds_short_clips() {
        let geometry = Geometry::of(&[(640, 360); 3], VideoLayout::Grid);
        let graph = Graph { geometry: &geometry, layout: VideoLayout::Grid, fps: 24, longest_s: 5.0, font_file: None };
        let text = build(&graph, &tiles(&[5.0, 3.0, 4.0]));
        assert!(text.contains("xstack=inputs=3:layout=0_0|640_0|0_360:fill=black"), "{text}");
        assert!(
            text.contains("[1:v:0]scale=640:360,setsar=1,fps=24,tpad=stop_mode=clone:stop_duration=2.500"),
            "{text}"
        );
        assert!(text.contains("textfile=label-2.txt:expansion=none"), "{text}");
        assert!(text.ends_with("format=yuv420p[v]"));
    }

    #[test]
    fn one_clip_needs_no_stack_and_unlabelled_tiles_have_no_drawtext() {
        let geometry = Geometry::of(&[(640, 360)], VideoLayout::Row);
        let graph = Graph { geometry: &geometry, layout: VideoLayout::Row, fps: 24, longest_s: 5.0, font_file: None };
        let text = build(&graph, &[Tile { duration_s: 5.0, label_file: None }]);
        assert!(text.contains("[t0]null,format=yuv420p[v]") && !text.contains("drawtext"), "{text}");
    }
}
