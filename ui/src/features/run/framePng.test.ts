import { describe, expect, it } from 'vitest';
import { frameFileName, sheetLayout, sheetSlot } from './framePng';

describe('frame PNG output', () => {
  it('lays a contact sheet out in whole tiles, four as 2×2, captions under each', () => {
    const four = sheetLayout(4, 16 / 9);
    expect([four.columns, four.rows]).toEqual([2, 2]);
    expect(four.tileH).toBe(360);
    expect(four.width).toBe(2 * 640 + 3 * 8);
    expect(four.height).toBe(2 * (360 + 28) + 3 * 8);
    expect(sheetSlot(four, 3)).toEqual({ x: 8 + 648, y: 8 + 360 + 28 + 8 });
    expect(sheetLayout(5, 9 / 16)).toMatchObject({ columns: 3, rows: 2, tileH: 1138 });
    expect(sheetLayout(1, 1)).toMatchObject({ columns: 1, rows: 1 });
  });

  it('names files after the take and the frame, safe for any file system', () => {
    expect(frameFileName('kling-3.0-pro@fal', 42)).toBe('kling-3.0-pro@fal_f00042.png');
    expect(frameFileName('a/b: c?', 7)).toBe('a_b_c_f00007.png');
    expect(frameFileName('///', 0)).toBe('frame_f00000.png');
  });
});
