// The element library as the composer sees it: the library's elements, the ones picked for
// this run in order (@Element1, @Element2…), and a new element being added from picked files
// (each imported through import_image first, then kept by the library as its own copies).
import * as backend from '../../ipc/backend';
import type { Element, LibraryElement, RunPlan } from '../../ipc/bindings.gen';
import type { IpcError } from '../../ipc/errors';

export class ElementPicks {
  library = $state<LibraryElement[]>([]);
  /** Picked library ids, in @Element order. */
  picked = $state<string[]>([]);
  /** Elements from a past run that are not (or no longer) in the library, kept as they ran. */
  loose = $state<Element[]>([]);
  busy = $state(false);
  error = $state<string | null>(null);

  async load(): Promise<void> {
    try {
      this.library = await backend.listElements();
      this.picked = this.picked.filter((id) => this.library.some((e) => e.id === id));
    } catch (e) {
      this.error = (e as IpcError).message;
    }
  }

  /** The picked elements as a comparison attaches them. */
  get elements(): Element[] {
    const fromLibrary = this.picked
      .map((id) => this.library.find((e) => e.id === id))
      .filter((e): e is LibraryElement => e != null)
      .map((e) => ({ name: e.name, frontal_image: e.frontal_image, reference_images: [...e.reference_images] }));
    return [...this.loose.map((e) => ({ ...e })), ...fromLibrary];
  }

  /** "@Element2" for a picked id; null when not picked. */
  tag(id: string): string | null {
    const i = this.picked.indexOf(id);
    return i < 0 ? null : `@Element${this.loose.length + i + 1}`;
  }

  toggle(id: string): void {
    this.picked = this.picked.includes(id) ? this.picked.filter((p) => p !== id) : [...this.picked, id];
  }

  clear(): void {
    this.picked = [];
    this.loose = [];
  }

  /** A past run's elements: library ones are picked again, others kept as they ran. */
  restore(elements: Element[] | undefined): void {
    this.picked = [];
    this.loose = [];
    for (const e of elements ?? []) {
      const known = this.library.find((l) => l.frontal_image === e.frontal_image);
      if (known && this.loose.length === 0) this.picked = [...this.picked, known.id];
      else this.loose = [...this.loose, { ...e }];
    }
  }

  /** Imports the files, then keeps them in the library as a new element (picked at once). */
  async add(name: string, frontal: File, views: File[]): Promise<boolean> {
    this.busy = true;
    this.error = null;
    try {
      const imported = async (file: File) => (await backend.importImage(file.name, new Uint8Array(await file.arrayBuffer()))).path;
      const frontal_image = await imported(frontal);
      const reference_images = [];
      for (const view of views) reference_images.push(await imported(view));
      const added = await backend.addElement({ name, frontal_image, reference_images });
      this.library = [...this.library, added].sort((a, b) => a.name.localeCompare(b.name));
      this.picked = [...this.picked, added.id];
      return true;
    } catch (e) {
      this.error = (e as IpcError).message;
      return false;
    } finally {
      this.busy = false;
    }
  }

  async remove(id: string): Promise<void> {
    this.error = null;
    try {
      await backend.removeElement(id);
      this.library = this.library.filter((e) => e.id !== id);
      this.picked = this.picked.filter((p) => p !== id);
    } catch (e) {
      this.error = (e as IpcError).message;
    }
  }
}

/** Which planned models send the elements, and which say why not (their parity note). */
export function elementUses(plan: RunPlan | null): { sends: string[]; notes: { model: string; message: string }[] } {
  const sends: string[] = [];
  const notes: { model: string; message: string }[] = [];
  if (!plan?.params.elements?.length) return { sends, notes };
  const seen: string[] = [];
  for (const c of plan.clips) {
    const key = `${c.model}@${c.route}`;
    if (seen.includes(key)) continue;
    seen.push(key);
    const label = `${c.model_name} (${c.route})`;
    const note = c.parity.find((n) => n.param === 'elements');
    if (c.resolved.elements?.length && !note) sends.push(label);
    else notes.push({ model: label, message: note?.message ?? 'elements not sent' });
  }
  return { sends, notes };
}
