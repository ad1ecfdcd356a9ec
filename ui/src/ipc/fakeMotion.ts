// The fake's motion control, following the core's `engine/motion.rs`: a reference video is
// imported (a readable MP4/MOV, its length read from `moov/mvhd`), checked once (a start image
// is the character), then per route sent to its motion endpoint (`RouteInfo.motion`: the
// length within the orientation's limit, the clip as long as the reference) or left out with
// a parity note (refused under strict).
import type { ImportedVideo, ModelInfo, MotionInput, ParityNote, PriceSpec, ResolvedParams, RouteInfo } from './bindings.gen';
import { invalid } from './fakeErrors';

/** Container rounding a length may pass a limit by (the core's `LENGTH_SLACK_S`). */
const LENGTH_SLACK_S = 0.05;

/** Seconds of an MP4/MOV from its movie header, or null when it has none. */
export function videoSeconds(bytes: Uint8Array): number | null {
  if (String.fromCharCode(...bytes.subarray(4, 8)) !== 'ftyp') return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const child = (from: number, to: number, name: string): [number, number] | null => {
    let at = from;
    while (at + 8 <= to) {
      const size = view.getUint32(at);
      const kind = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
      const end = size === 0 ? to : Math.min(at + size, to);
      if (size !== 0 && size < 8) return null;
      if (kind === name) return [at + 8, end];
      at = end;
    }
    return null;
  };
  const moov = child(0, bytes.length, 'moov');
  const mvhd = moov && child(moov[0], moov[1], 'mvhd');
  if (!mvhd || mvhd[1] - mvhd[0] < 20) return null;
  const v1 = bytes[mvhd[0]] === 1;
  const timescale = view.getUint32(mvhd[0] + (v1 ? 20 : 12));
  const duration = v1 ? Number(view.getBigUint64(mvhd[0] + 24)) : view.getUint32(mvhd[0] + 16);
  return timescale > 0 ? duration / timescale : null;
}

/** The fake's `import_video`: remembers each imported reference's length. */
export function createFakeVideos() {
  const videos = new Map<string, number>();
  return {
    seconds: (path: string) => videos.get(path),
    async importVideo(fileName: string, bytes: Uint8Array): Promise<ImportedVideo> {
      const seconds = videoSeconds(bytes);
      if (seconds == null || seconds <= 0) {
        throw invalid(`motion-video: ${fileName} is not a readable MP4 or MOV video`);
      }
      const path = `/fake/inputs/${String(videos.size + 1).padStart(4, '0')}-${fileName.replace(/[^A-Za-z0-9.-]/g, '_')}`;
      videos.set(path, seconds);
      return { path, width: 0, height: 0, duration_s: seconds };
    },
  };
}

/** Checked once whichever models run; the reference's length. */
export function checkMotion(motion: MotionInput | null | undefined, startImage: string | null | undefined, seconds: (path: string) => number | undefined): number | null {
  if (!motion) return null;
  if (!startImage) {
    throw invalid('start-image: motion control animates a still: pass --start-image FILE with the character (the reference video gives only the motion)');
  }
  const length = seconds(motion.video);
  if (length == null) throw invalid(`motion-video: ${motion.video} is not a readable MP4 or MOV video`);
  return length;
}

/** Every route with motion control, as the core's parity note names them. */
export function motionRoutes(catalog: ModelInfo[]): string {
  return catalog.flatMap((m) => m.routes.filter((r) => r.motion).map((r) => `${m.id}@${r.route}`)).join(', ');
}

export interface MotionPlan {
  label: string;
  route: RouteInfo;
  strict: boolean;
  motion: MotionInput | null | undefined;
  seconds: number | null;
  /** Whether the request asked for a duration (a changed one gets a note). */
  askedDuration: boolean;
  catalog: ModelInfo[];
}

/** Per clip: sent to the motion endpoint (returns its endpoint and price) or noted. */
export function planMotion(resolved: ResolvedParams, notes: ParityNote[], m: MotionPlan): { endpoint: string; price: PriceSpec } | null {
  const { motion, seconds, label } = m;
  if (!motion || seconds == null) return null;
  const note = (param: string, asked: string, message: string) => {
    if (m.strict) throw invalid(`${param}: ${label} does not allow ${asked}; allowed values: (${message})`);
    notes.push({ param, asked: motion.video, ran: '', message });
  };
  const spec = m.route.motion;
  if (!spec) {
    note('motion-video', 'a motion reference video', `motion control not offered here, the reference video is not sent; motion control: ${motionRoutes(m.catalog)}`);
    return null;
  }
  const orientation = motion.orientation ?? 'video';
  const max = orientation === 'image' ? spec.max_seconds_image : spec.max_seconds_video;
  if (seconds + LENGTH_SLACK_S < spec.min_seconds || seconds > max + LENGTH_SLACK_S) {
    const allowed = [`${spec.min_seconds}–${max} s with orientation ${orientation}`];
    if (orientation === 'image') allowed.push(`${spec.min_seconds}–${spec.max_seconds_video} s with --motion-orientation video`);
    throw invalid(`motion-video: ${label} does not allow a ${seconds.toFixed(1)} s reference video; allowed values: ${allowed.join(', ')}`);
  }
  const ran = Math.min(Math.max(Math.round(seconds), spec.min_seconds), max);
  if (m.askedDuration && resolved.duration_s !== ran) {
    notes.push({ param: 'duration', asked: String(resolved.duration_s), ran: String(ran), message: `the clip follows the reference video: ${ran} s` });
  }
  const sends = 'motion control sends the still, the reference video and the prompt';
  if (resolved.shots) {
    resolved.shots = null;
    note('shots', 'a shot list', `${sends}: the shot list is not sent`);
  }
  if (resolved.end_image) {
    resolved.end_image = null;
    note('end-image', 'an end image', `${sends}: the end image is not sent`);
  }
  if (resolved.elements?.length) {
    resolved.elements = [];
    note('element', 'elements', `${sends}: the elements are not sent`);
  }
  resolved.duration_s = ran;
  resolved.motion = { ...motion };
  return { endpoint: spec.endpoint, price: spec.price };
}
