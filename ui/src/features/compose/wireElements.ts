// The `elements` field of a request preview (Kling's `[{frontal_image_url, reference_image_urls}]`,
// element images shown by the core as `<upload: file>`) read back as one line per element, the
// way Kling binds them: by position, `@Element1` first. Kling never receives the library names;
// they come from the request the composer sent, to tell the elements apart.
import type { Element } from '../../ipc/bindings.gen';

export interface WireElement {
  /** How the prompt refers to it: `@Element1`, `@Element2`, ... */
  label: string;
  /** The library element's name, when it came from the library (not sent). */
  name: string | null;
  /** The frontal image, then the other views, by file name. */
  files: string[];
}

const UPLOAD = /^<upload: (.*)>$/;
const fileOf = (value: string) => UPLOAD.exec(value)?.[1] ?? value;

function isElement(value: unknown): value is { frontal_image_url: string; reference_image_urls?: unknown } {
  return typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>).frontal_image_url === 'string';
}

/** The elements of a wire field's text, or `null` when the text is not an elements list. */
export function wireElements(text: string, sent: readonly Element[] = []): WireElement[] | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length === 0 || !parsed.every(isElement)) return null;
  return parsed.map((e, i) => {
    const refs = Array.isArray(e.reference_image_urls) ? e.reference_image_urls.filter((r): r is string => typeof r === 'string') : [];
    return { label: `@Element${i + 1}`, name: sent[i]?.name ?? null, files: [e.frontal_image_url, ...refs].map(fileOf) };
  });
}

/** `1 image (front.png)`, `3 images (front.png, side.png, back.png)`. */
export function imagesLabel(files: readonly string[]): string {
  return `${files.length} image${files.length === 1 ? '' : 's'} (${files.join(', ')})`;
}
