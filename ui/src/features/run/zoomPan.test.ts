import { describe, expect, it } from 'vitest';
import { clampView, FIT, MAX_SCALE, oneToOneScale, panBy, viewTransform, wheelFactor, zoomAt } from './zoomPan';

describe('zoom and pan', () => {
  it('zooms at the cursor: the frame point under it stays under it', () => {
    const v = zoomAt(FIT, 2, 0.75, 0.25);
    expect(v.scale).toBe(2);
    // The point under the cursor (0.75, 0.25) before: still at cursor after.
    expect(v.cx + (0.75 - 0.5) / v.scale).toBeCloseTo(0.75, 9);
    expect(v.cy + (0.25 - 0.5) / v.scale).toBeCloseTo(0.25, 9);
    const again = zoomAt(v, 2, 0.5, 0.5);
    expect(again).toMatchObject({ scale: 4, cx: v.cx, cy: v.cy });
  });

  it('never zooms out past fit nor pans past an edge', () => {
    expect(zoomAt(FIT, 0.5, 0.1, 0.1)).toEqual(FIT);
    expect(zoomAt(FIT, 1000, 0.5, 0.5).scale).toBe(MAX_SCALE);
    const zoomed = { scale: 2, cx: 0.5, cy: 0.5 };
    expect(panBy(zoomed, 1, 0)).toEqual({ scale: 2, cx: 0.25, cy: 0.5 }); // left edge of the frame at the tile's left
    expect(panBy(zoomed, -0.2, 0.1)).toEqual({ scale: 2, cx: 0.6, cy: 0.45 });
    expect(clampView({ scale: 1, cx: 0.9, cy: 0.1 })).toEqual(FIT);
  });

  it('finds 1:1 from the video and tile sizes, fit-aware', () => {
    expect(oneToOneScale(1920, 1080, 960, 540)).toBe(2);
    expect(oneToOneScale(1920, 1080, 960, 270)).toBe(4); // height-bound tile: shown 480 wide
    expect(oneToOneScale(640, 360, 1280, 720)).toBe(1); // never below fit
    expect(oneToOneScale(0, 0, 100, 100)).toBe(1);
  });

  it('turns a view into one transform for every tile, and the wheel into a factor', () => {
    expect(viewTransform(FIT)).toBe('none');
    expect(viewTransform({ scale: 2, cx: 0.25, cy: 0.75 })).toBe('translate(0%, -100%) scale(2)');
    expect(wheelFactor(-100)).toBeGreaterThan(1);
    expect(wheelFactor(100) * wheelFactor(-100)).toBeCloseTo(1, 9);
  });
});
