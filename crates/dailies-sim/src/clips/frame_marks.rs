//! The frame index drawn into the picture, so a player test can tell which frame a tile
//! shows from its pixels rather than from `currentTime` (which can move without a repaint).
//! The layout is the one `scripts/player-bench` reads: 8 square blocks of `width / 16`
//! along the top edge from the left, block `k` white when bit `k` of the frame index is set
//! (index mod 256), all on a black bar half the frame wide.

/// Blocks drawn: frame indices wrap at 2^BITS (256 frames is 10.6 s at 24 fps).
pub(super) const BITS: u32 = 8;

/// Side of one block in pixels for a frame `width` wide (even, at least 2).
pub(super) fn block_size(width: u32) -> u32 {
    let b = (width / 16).max(2);
    b - b % 2
}

/// The drawbox filters that draw frame `n`'s index; they go after scaling, so the blocks
/// stay exact-size and sharp.
pub(super) fn filters(width: u32) -> Vec<String> {
    let b = block_size(width);
    let mut out = vec![format!("drawbox=x=0:y=0:w={}:h={b}:color=black:t=fill", b * BITS)];
    for k in 0..BITS {
        // `n` is the filter's frame counter; quoted so the commas stay inside the expression.
        out.push(format!(
            "drawbox=enable='mod(floor(n/{}),2)':x={}:y=0:w={b}:h={b}:color=white:t=fill",
            1u32 << k,
            k * b
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_match_the_bench_layout_at_1080p() {
        assert_eq!(block_size(1920), 120);
        let f = filters(1920);
        assert_eq!(f[0], "drawbox=x=0:y=0:w=960:h=120:color=black:t=fill");
        assert_eq!(f[1], "drawbox=enable='mod(floor(n/1),2)':x=0:y=0:w=120:h=120:color=white:t=fill");
        assert_eq!(f[8], "drawbox=enable='mod(floor(n/128),2)':x=840:y=0:w=120:h=120:color=white:t=fill");
        assert_eq!(f.len(), 1 + BITS as usize);
    }

    #[test]
    fn small_and_odd_widths_get_even_blocks() {
        assert_eq!(block_size(720), 44);
        assert_eq!(block_size(20), 2);
        assert_eq!(block_size(0), 2);
    }
}
