// The fake backend's image-to-video: header sniffing like dailies-core's `inputs::inspect`,
// and the plan-time rules of `engine/images.rs` (drop with a note, aspect check, crop).
import type { IpcError, ParityNote, ResolvedParams, RouteInfo } from './bindings.gen';
import { invalid } from './fakeErrors';

export interface FakeImageFacts {
  format: 'png' | 'jpeg' | 'webp';
  width: number;
  height: number;
}

/** Same tolerance as the core: within 3 % (in log ratio) counts as the same aspect. */
const ASPECT_TOLERANCE = 0.03;

const ascii = (b: Uint8Array, at: number, len: number) => String.fromCharCode(...b.subarray(at, at + len));
const le16 = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8);
const le24 = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8) | (b[at + 2] << 16);
const be16 = (b: Uint8Array, at: number) => (b[at] << 8) | b[at + 1];
const be32 = (b: Uint8Array, at: number) => ((b[at] << 24) >>> 0) + (b[at + 1] << 16) + (b[at + 2] << 8) + b[at + 3];

function jpegSize(b: Uint8Array): { width: number; height: number } | null {
  let at = 2;
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1];
    // SOF0–SOF15 carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not.
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      return { height: be16(b, at + 5), width: be16(b, at + 7) };
    }
    at += 2 + be16(b, at + 2);
  }
  return null;
}

function webpSize(b: Uint8Array): { width: number; height: number } | null {
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8 ') return { width: le16(b, 26) & 0x3fff, height: le16(b, 28) & 0x3fff };
  if (chunk === 'VP8L') {
    return { width: 1 + (((b[22] & 0x3f) << 8) | b[21]), height: 1 + (((b[24] & 0x0f) << 10) | (b[23] << 2) | ((b[22] & 0xc0) >> 6)) };
  }
  if (chunk === 'VP8X') return { width: 1 + le24(b, 24), height: 1 + le24(b, 27) };
  return null;
}

/** Format by magic bytes and size from the header; null when it is not a PNG, JPEG or WebP. */
export function sniffImage(b: Uint8Array): FakeImageFacts | null {
  if (b.length >= 24 && b[0] === 0x89 && ascii(b, 1, 3) === 'PNG') return { format: 'png', width: be32(b, 16), height: be32(b, 20) };
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) {
    const size = jpegSize(b);
    return size && { format: 'jpeg', ...size };
  }
  if (b.length >= 30 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') {
    const size = webpSize(b);
    return size && { format: 'webp', ...size };
  }
  return null;
}

const ratio = (aspect: string) => {
  const [w, h] = aspect.split(':').map(Number);
  return w / h;
};

/** The allowed aspect to crop to, or null when the image is already close enough to one. */
function aspectMismatch(facts: FakeImageFacts, aspects: string[]): string | null {
  const logRatio = Math.log(facts.width / Math.max(1, facts.height));
  const ranked = aspects.map((a) => ({ a, d: Math.abs(Math.log(ratio(a)) - logRatio) })).sort((x, y) => x.d - y.d);
  return ranked.length === 0 || ranked[0].d <= ASPECT_TOLERANCE ? null : ranked[0].a;
}

export interface ImagePlanInput {
  label: string;
  /** What the route takes: `start_image`, `end_image`, `requires_image`, `image_aspects`. */
  route: Pick<RouteInfo, 'start_image' | 'end_image' | 'requires_image' | 'image_aspects'>;
  strict: boolean;
  crop: boolean;
  facts: (path: string) => FakeImageFacts | undefined;
}

/** Refuses an image-only route without a start image, drops images a route cannot take (with a note) and checks or crops the rest. */
export function planImages(resolved: ResolvedParams, notes: ParityNote[], input: ImagePlanInput): void {
  const { label, route } = input;
  if (route.requires_image && !resolved.start_image) {
    throw invalid(`start-image: ${label} does not allow none; allowed values: a start image (--start-image): this model is image-to-video only`);
  }
  const drop = (field: string, slot: 'start_image' | 'end_image', message: string) => {
    const path = resolved[slot];
    if (!path) return;
    if (input.strict) throw invalid(`${field}: ${label} does not allow ${path}; allowed values: (not supported by this model on this route)`);
    delete resolved[slot];
    notes.push({ param: field, asked: path, ran: '', message });
  };
  if (!route.start_image) {
    drop('start-image', 'start_image', 'start image not supported: ran text-to-video');
    drop('end-image', 'end_image', 'end image ignored');
  } else if (!route.end_image) {
    drop('end-image', 'end_image', 'end image not supported: ignored');
  }
  if (route.image_aspects.length === 0) return;
  for (const [field, slot] of [['start-image', 'start_image'], ['end-image', 'end_image']] as const) {
    const path = resolved[slot];
    const facts = path ? input.facts(path) : undefined;
    const nearest = facts ? aspectMismatch(facts, route.image_aspects) : null;
    if (!path || !facts || !nearest) continue;
    if (!input.crop) {
      throw {
        code: 'image_aspect',
        message: `${field}: ${label} needs an image near one of its aspect ratios; this one is ${facts.width}x${facts.height}; pass --crop to centre-crop it to ${nearest}`,
        field,
      } satisfies IpcError;
    }
    notes.push({ param: field, asked: path, ran: nearest, message: `${field} centre-cropped to ${nearest}` });
    resolved[slot] = `${path}-${nearest.replace(':', 'x')}.png`;
  }
}

