//! Where each tile goes: one common tile box (every clip scaled to the same height, the
//! widest one setting the box's width, narrower ones centred on black), in a row or a grid.

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::error::InputError;

/// Tiles are at most this tall: enough to judge, small enough to encode on a laptop.
pub const MAX_TILE_HEIGHT: u32 = 480;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum VideoLayout {
    Row,
    Grid,
}

impl VideoLayout {
    pub fn parse(s: &str) -> Result<VideoLayout, InputError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "row" => Ok(VideoLayout::Row),
            "grid" => Ok(VideoLayout::Grid),
            _ => Err(InputError::InvalidValue {
                field: "layout".into(),
                value: s.into(),
                allowed: vec!["row".into(), "grid".into()],
            }),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Geometry {
    pub tile_width: u32,
    pub tile_height: u32,
    /// Each clip's scaled size inside its tile, in input order.
    pub scaled: Vec<(u32, u32)>,
    pub columns: u32,
    pub rows: u32,
}

impl Geometry {
    pub fn of(sizes: &[(u32, u32)], layout: VideoLayout) -> Geometry {
        let n = u32::try_from(sizes.len()).unwrap_or(u32::MAX).max(1);
        let smallest = sizes.iter().map(|&(_, h)| h).filter(|&h| h > 0).min().unwrap_or(MAX_TILE_HEIGHT);
        let tile_height = even(smallest.min(MAX_TILE_HEIGHT)).max(2);
        let scaled: Vec<(u32, u32)> = sizes
            .iter()
            .map(|&(w, h)| {
                let width =
                    if h == 0 { u64::from(tile_height) } else { u64::from(w) * u64::from(tile_height) / u64::from(h) };
                (even(u32::try_from(width).unwrap_or(tile_height)).max(2), tile_height)
            })
            .collect();
        let tile_width = scaled.iter().map(|&(w, _)| w).max().unwrap_or(tile_height);
        let columns = match layout {
            VideoLayout::Row => n,
            VideoLayout::Grid => (1..=n).find(|c| c * c >= n).unwrap_or(n),
        };
        let rows = n.div_ceil(columns);
        Geometry { tile_width, tile_height, scaled, columns, rows }
    }

    pub fn width(&self) -> u32 {
        self.tile_width * self.columns
    }

    pub fn height(&self) -> u32 {
        self.tile_height * self.rows
    }

    /// Top-left corner of tile `i`, row by row.
    pub fn origin(&self, i: u32) -> (u32, u32) {
        ((i % self.columns) * self.tile_width, (i / self.columns) * self.tile_height)
    }
}

/// H.264 in 4:2:0 wants even sizes.
fn even(x: u32) -> u32 {
    x - x % 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_of_mixed_aspects_shares_one_tile_box() {
        let g = Geometry::of(&[(1920, 1080), (1080, 1920), (1280, 720)], VideoLayout::Row);
        assert_eq!((g.tile_width, g.tile_height), (852, 480));
        assert_eq!(g.scaled, vec![(852, 480), (270, 480), (852, 480)]);
        assert_eq!((g.width(), g.height()), (2556, 480));
    }

    #[test]
    fn a_grid_is_as_square_as_the_count_allows() {
        let sizes = [(640, 360); 5];
        let g = Geometry::of(&sizes, VideoLayout::Grid);
        assert_eq!((g.columns, g.rows), (3, 2));
        assert_eq!((g.width(), g.height()), (1920, 720));
        assert_eq!(g.origin(4), (640, 360));
        assert_eq!(Geometry::of(&sizes[..4], VideoLayout::Grid).columns, 2);
        assert_eq!(Geometry::of(&sizes[..1], VideoLayout::Grid).columns, 1);
    }

    #[test]
    fn small_clips_are_not_upscaled_and_sizes_stay_even() {
        let g = Geometry::of(&[(321, 181)], VideoLayout::Row);
        assert_eq!((g.tile_width, g.tile_height), (318, 180));
    }

    #[test]
    fn a_bad_layout_names_the_field_and_the_choices() {
        let e = VideoLayout::parse("diagonal").unwrap_err();
        assert_eq!(e.to_string(), "layout: 'diagonal' is not valid; allowed values: row, grid");
    }
}
