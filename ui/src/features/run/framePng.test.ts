import { afterEach, describe, expect, it, vi } from 'vitest';
import { downloadPng, frameFileName, sheetLayout, sheetSlot } from './framePng';

/** A 1080p canvas whose encoder answers with `blob`, or throws `error` (a tainted canvas). */
function fullHdCanvas(outcome: { blob: Blob } | { error: Error }): HTMLCanvasElement {
  const c = document.createElement('canvas');
  c.width = 1920;
  c.height = 1080;
  c.toBlob = (resolve) => {
    if ('error' in outcome) throw outcome.error;
    resolve(outcome.blob);
  };
  return c;
}

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

  describe('a saved canvas lets go of its pixels', () => {
    afterEach(() => {
      vi.runOnlyPendingTimers(); // the object URL's revocation, while URL is still the stub
      vi.useRealTimers();
      vi.unstubAllGlobals();
    });

    it('once the PNG is handed to the download', async () => {
      vi.useFakeTimers();
      vi.stubGlobal('URL', { createObjectURL: () => 'blob:frame', revokeObjectURL: () => {} });
      const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
      const c = fullHdCanvas({ blob: new Blob(['png'], { type: 'image/png' }) });
      await downloadPng(c, 'take_f00001.png');
      expect(click).toHaveBeenCalledOnce();
      expect([c.width, c.height]).toEqual([0, 0]);
      click.mockRestore();
    });

    it('also when the webview refuses the pixels', async () => {
      vi.useFakeTimers();
      const c = fullHdCanvas({ error: new DOMException('tainted', 'SecurityError') });
      await expect(downloadPng(c, 'take_f00001.png')).rejects.toThrow(/cross-origin reads/);
      expect([c.width, c.height]).toEqual([0, 0]);
    });
  });
});
