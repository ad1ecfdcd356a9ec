// Review output: the current frame of a take, or a contact sheet of every take's current
// frame, as a PNG. Pixels are read from the <video> elements through a canvas.
//
// The canvas is readable only if the video is same-origin or CORS-approved. The app page
// (tauri://localhost, or the dev server) and the loopback media server (http://127.0.0.1:port)
// are different origins, so the videos request CORS (`crossorigin="anonymous"`) and the media
// server answers with `Access-Control-Allow-Origin` (crates/dailies-core/src/media.rs). A
// crossorigin video from a server without that header does not load at all, so the two go
// together; a tainted canvas is still reported rather than failing silently.

/** The `crossorigin` attribute the player's videos carry. */
export const MEDIA_CROSS_ORIGIN: 'anonymous' | null = 'anonymous';

export interface SheetTile {
  video: HTMLVideoElement;
  label: string;
}

/** Contact sheet geometry: tiles of `tileW` wide in `columns`, a caption strip under each. */
export interface SheetLayout {
  columns: number;
  rows: number;
  tileW: number;
  tileH: number;
  caption: number;
  width: number;
  height: number;
}

const CAPTION_PX = 28;
const GAP_PX = 8;

/** Lays `count` tiles of aspect `aspect` out at most `maxColumns` across, each `tileW` wide. */
export function sheetLayout(count: number, aspect: number, tileW = 640, maxColumns = 3): SheetLayout {
  const columns = Math.max(1, Math.min(count, maxColumns, count === 4 ? 2 : maxColumns));
  const rows = Math.max(1, Math.ceil(count / columns));
  const tileH = Math.round(tileW / (aspect > 0 ? aspect : 16 / 9));
  return {
    columns,
    rows,
    tileW,
    tileH,
    caption: CAPTION_PX,
    width: columns * tileW + (columns + 1) * GAP_PX,
    height: rows * (tileH + CAPTION_PX) + (rows + 1) * GAP_PX,
  };
}

/** Where tile `i` of a sheet goes (top-left of its picture). */
export function sheetSlot(layout: SheetLayout, i: number): { x: number; y: number } {
  const col = i % layout.columns;
  const row = Math.floor(i / layout.columns);
  return { x: GAP_PX + col * (layout.tileW + GAP_PX), y: GAP_PX + row * (layout.tileH + layout.caption + GAP_PX) };
}

/** File name for a saved frame: `<name>_f<frame>.png`, safe on every file system. */
export function frameFileName(name: string, frame: number): string {
  const safe = name.replace(/[^\w.@-]+/g, '_').replace(/^_+|_+$/g, '') || 'frame';
  return `${safe}_f${String(frame).padStart(5, '0')}.png`;
}

/** Draws `video` (or a canvas sized like it) into a rectangle, letterboxed to keep its aspect. */
export function drawContained(ctx: CanvasRenderingContext2D, video: HTMLVideoElement, x: number, y: number, w: number, h: number) {
  const vw = video.videoWidth || w;
  const vh = video.videoHeight || h;
  const scale = Math.min(w / vw, h / vh);
  const dw = vw * scale;
  const dh = vh * scale;
  ctx.drawImage(video, x + (w - dw) / 2, y + (h - dh) / 2, dw, dh);
}

function canvas(width: number, height: number): { canvas: HTMLCanvasElement; ctx: CanvasRenderingContext2D } {
  const c = document.createElement('canvas');
  c.width = width;
  c.height = height;
  const ctx = c.getContext('2d');
  if (!ctx) throw new Error('This webview cannot draw to a canvas.');
  return { canvas: c, ctx };
}

/** The video's current frame at its own resolution. */
export function frameCanvas(video: HTMLVideoElement): HTMLCanvasElement {
  const { canvas: c, ctx } = canvas(video.videoWidth || 1, video.videoHeight || 1);
  ctx.drawImage(video, 0, 0, c.width, c.height);
  return c;
}

/** Every tile's current frame with its label, on one dark sheet. */
export function contactSheet(tiles: SheetTile[], aspect: number): HTMLCanvasElement {
  const layout = sheetLayout(tiles.length, aspect);
  const { canvas: c, ctx } = canvas(layout.width, layout.height);
  ctx.fillStyle = '#111';
  ctx.fillRect(0, 0, c.width, c.height);
  ctx.font = '15px sans-serif';
  ctx.textBaseline = 'middle';
  tiles.forEach((tile, i) => {
    const { x, y } = sheetSlot(layout, i);
    ctx.fillStyle = '#000';
    ctx.fillRect(x, y, layout.tileW, layout.tileH);
    drawContained(ctx, tile.video, x, y, layout.tileW, layout.tileH);
    ctx.fillStyle = '#ddd';
    ctx.fillText(tile.label, x + 4, y + layout.tileH + layout.caption / 2, layout.tileW - 8);
  });
  return c;
}

/** Frees a canvas's pixels now: WebKit keeps the backing store (8 MB for a 1080p frame)
 *  until the element is garbage-collected, which an idle page may not do for a long time. */
export function releaseCanvas(c: HTMLCanvasElement): void {
  c.width = 0;
  c.height = 0;
}

/** Encodes the canvas as PNG and downloads it, then frees the canvas (it is made for this
 *  one save); a tainted canvas is reported, not swallowed. */
export async function downloadPng(c: HTMLCanvasElement, fileName: string): Promise<void> {
  let blob: Blob | null;
  try {
    blob = await new Promise<Blob | null>((resolve) => c.toBlob(resolve, 'image/png'));
  } catch (e) {
    if (e instanceof DOMException && e.name === 'SecurityError') {
      throw new Error('The webview will not hand out these pixels: the media server does not allow cross-origin reads (CORS).');
    }
    throw e;
  } finally {
    releaseCanvas(c);
  }
  if (!blob) throw new Error('The frame could not be encoded as PNG.');
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
