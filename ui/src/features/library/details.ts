// Asked vs ran vs delivered, side by side: a route may adjust what it was asked for (the
// parity notes say why), and the file that comes back is the final word.
import type { LibraryClip } from '../../ipc/bindings.gen';

export interface ParamRow {
  what: 'size' | 'length' | 'audio';
  asked: string;
  ran: string;
  delivered: string;
  /** What came back is not what was asked for. */
  differs: boolean;
}

const DASH = '—';
const yesNo = (v: boolean | null | undefined) => (v == null ? DASH : v ? 'yes' : 'no');
const seconds = (s: number | null | undefined) => (s == null ? DASH : `${Number.isInteger(s) ? s : s.toFixed(1)} s`);

export function askedVsDelivered(item: LibraryClip): ParamRow[] {
  const { clip, params } = item;
  const r = clip.resolved;
  const askedSize = [params.resolution, params.aspect].filter(Boolean).join(' ') || DASH;
  const deliveredSize = clip.width != null && clip.height != null ? `${clip.width}×${clip.height}` : DASH;
  const delivered = clip.status === 'succeeded';
  const lengthDiffers = delivered && params.duration_s != null && clip.duration_s != null && Math.abs(clip.duration_s - params.duration_s) >= 0.5;
  const audioDiffers = delivered && params.audio != null && clip.has_audio != null && params.audio !== clip.has_audio;
  const sizeDiffers = (params.resolution != null && params.resolution !== r.resolution) || (params.aspect != null && params.aspect !== r.aspect);
  return [
    { what: 'size', asked: askedSize, ran: `${r.resolution} ${r.aspect}`, delivered: deliveredSize, differs: sizeDiffers },
    { what: 'length', asked: seconds(params.duration_s), ran: seconds(r.duration_s), delivered: seconds(clip.duration_s), differs: lengthDiffers },
    { what: 'audio', asked: yesNo(params.audio), ran: yesNo(r.audio), delivered: yesNo(clip.has_audio), differs: audioDiffers },
  ];
}
