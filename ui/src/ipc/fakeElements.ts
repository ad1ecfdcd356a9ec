// The fake's element library and the plan-time rules of the core's `engine/elements.rs`:
// elements are checked once (readable images, at most three views each, no @ElementN beyond
// those attached), then per route sent (`RouteInfo.elements`), or dropped with a parity note.
import type { Backend } from './backend';
import type { Element, LibraryElement, ParityNote, PriceSpec, ResolvedParams, RouteInfo } from './bindings.gen';
import { fail, invalid } from './fakeErrors';
import type { FakeImageFacts } from './fakeImages';

/** fal's Kling `reference_image_urls`: 1–3 views besides the frontal image. */
export const MAX_ELEMENT_REFERENCES = 3;
const MAX_NAME_CHARS = 80;

type ElementMethods = Pick<Backend, 'listElements' | 'addElement' | 'removeElement'>;

/** `facts` tells which paths are imported images (the fake's `import_image`). */
export function createFakeElements(facts: (path: string) => FakeImageFacts | undefined): ElementMethods {
  const library: LibraryElement[] = [];
  let next = 1;
  const find = (idOrName: string) =>
    library.find((e) => e.id === idOrName || e.name.toLowerCase() === idOrName.trim().toLowerCase());
  return {
    async listElements() {
      return library.map((e) => structuredClone(e)).sort((a, b) => a.name.localeCompare(b.name));
    },
    async addElement(element) {
      const name = element.name.trim();
      if (!name || [...name].length > MAX_NAME_CHARS) throw invalid(`element: a name of 1–${MAX_NAME_CHARS} characters is needed`);
      const refs = element.reference_images.length;
      if (refs < 1 || refs > MAX_ELEMENT_REFERENCES) {
        throw invalid(`element: ${refs} reference images; an element has 1–${MAX_ELEMENT_REFERENCES} besides its frontal image`);
      }
      for (const path of [element.frontal_image, ...element.reference_images]) checkFile(path, facts);
      if (find(name)) throw invalid(`element: an element named '${name}' is already in the library`);
      const id = `el${String(next++).padStart(4, '0')}`;
      const ext = (path: string) => path.split('.').pop() ?? 'png';
      const added: LibraryElement = {
        id,
        name,
        frontal_image: `/fake/elements/${id}/frontal.${ext(element.frontal_image)}`,
        reference_images: element.reference_images.map((p, i) => `/fake/elements/${id}/ref${i + 1}.${ext(p)}`),
        created_at_ms: Date.now(),
      };
      library.push(added);
      return structuredClone(added);
    },
    async removeElement(elementId) {
      const found = find(elementId);
      if (!found) throw fail('not_found', `element '${elementId}' not found`);
      library.splice(library.indexOf(found), 1);
      return structuredClone(found);
    },
  };
}

/** The library's copies count as readable images in the fake. */
function checkFile(path: string, facts: (path: string) => FakeImageFacts | undefined): void {
  if (path.startsWith('/fake/elements/') || facts(path)) return;
  throw invalid(`element: '${path} (no such file)' is not valid; allowed values: a readable image file`);
}

/** `@ElementN` numbers in a text, any case (the core's `element_mentions`). */
export function elementMentions(text: string): number[] {
  return [...text.matchAll(/@element(\d+)/gi)].map((m) => Number(m[1]));
}

/** Whichever models run: files, views per element, and the prompt's @ElementN against those attached. */
export function checkElements(
  params: { prompt: string; elements?: Element[]; shots?: { prompt: string }[] | null; overrides?: { prompt?: string | null }[] },
  facts: (path: string) => FakeImageFacts | undefined,
): void {
  const elements = params.elements ?? [];
  elements.forEach((e, i) => {
    const refs = e.reference_images ?? [];
    if (refs.length > MAX_ELEMENT_REFERENCES) {
      throw invalid(`element: @Element${i + 1} has ${refs.length} reference images; at most ${MAX_ELEMENT_REFERENCES} (fal's Kling \`reference_image_urls\`)`);
    }
    for (const path of [e.frontal_image, ...refs]) checkFile(path, facts);
  });
  const count = elements.length;
  if (count === 0) return;
  const texts = [params.prompt, ...(params.shots ?? []).map((s) => s.prompt), ...(params.overrides ?? []).map((o) => o.prompt ?? '')];
  const beyond = texts.flatMap(elementMentions).find((n) => n === 0 || n > count);
  if (beyond !== undefined) {
    const attached = count === 1 ? ' is' : 's are';
    throw invalid(
      `element: the prompt names @Element${beyond} but ${count} element${attached} attached (@Element1…@Element${count}); attach another or fix the prompt`,
    );
  }
}

export interface ElementPlanInput {
  label: string;
  route: Pick<RouteInfo, 'elements'>;
  strict: boolean;
  elements: Element[];
}

/** Sends the elements where the route takes them, else a note (a refusal under strict); returns the price to use. */
export function planElements(resolved: ResolvedParams, notes: ParityNote[], input: ElementPlanInput): PriceSpec | null {
  const { elements, label } = input;
  if (elements.length === 0) return null;
  const asked = `${elements.length} element${elements.length === 1 ? '' : 's'}`;
  const note = (message: string) => {
    if (input.strict) throw invalid(`element: ${label} does not allow ${asked}; allowed values: (elements are not taken by this model on this route)`);
    notes.push({ param: 'elements', asked, ran: '', message });
  };
  const spec = input.route.elements;
  if (!spec) {
    note('elements not supported: @Element1… is read as plain text');
    return null;
  }
  if (spec.needs_start_image && !resolved.start_image) {
    note('elements need a start image here (image-to-video only): not sent, @Element1… is plain text');
    return null;
  }
  const images = elements.reduce((n, e) => n + 1 + (e.reference_images?.length ?? 0), 0);
  if (spec.form === 'elements') {
    if (elements.length > spec.max) throw invalid(`element: ${label} does not allow ${asked}; allowed values: at most ${spec.max} elements`);
    const many = elements.find((e) => (e.reference_images?.length ?? 0) > spec.max_refs);
    if (many) {
      throw invalid(`element: ${label} does not allow ${many.reference_images?.length} reference images on one element; allowed values: at most ${spec.max_refs}`);
    }
  } else {
    const sent = Math.min(images, spec.max);
    const cut = sent < images ? ` (the first ${sent} of ${images})` : '';
    note(`sent as ${sent} reference images in ${spec.field}${cut}; @Element1… is plain text`);
  }
  resolved.elements = elements.map((e) => structuredClone(e));
  return spec.price ?? null;
}
