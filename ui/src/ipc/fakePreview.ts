// "What each model receives" for the fake backend. The core maps each route's own field names
// from catalog data the fake does not have, so the fake shows the common names fal uses
// (`prompt` / `multi_prompt`, `duration`, `aspect_ratio`, `generate_audio`, ...) with the
// values the fake planner resolved: the same prompt text, shot list and parity notes.
import type { PlannedClip, WireField, WirePreview } from './bindings.gen';

export function previewOf(clips: PlannedClip[]): WirePreview[] {
  const out: WirePreview[] = [];
  for (const clip of clips) {
    if (out.some((p) => p.model === clip.model && p.route === clip.route)) continue;
    const r = clip.resolved;
    const fields: WireField[] = [];
    const add = (name: string, value: unknown, prompt = false) =>
      fields.push({ name, text: typeof value === 'string' ? value : JSON.stringify(value), prompt });
    if (r.shots?.length) add('multi_prompt', r.shots.map((s) => ({ prompt: s.prompt, duration: `${s.duration_s}` })), true);
    else add('prompt', r.prompt, true);
    if (r.negative_prompt) add('negative_prompt', r.negative_prompt);
    add('duration', `${r.duration_s}`);
    add('aspect_ratio', r.aspect);
    add('resolution', r.resolution);
    add('generate_audio', r.audio);
    if (r.seed != null) add('seed', r.seed);
    if (r.cfg_scale != null) add('cfg_scale', r.cfg_scale);
    // Elements as fal's Kling takes them, each image shown as the core shows it (`<upload: file>`).
    // A route that flattens them into reference images says so in a parity note instead.
    if (r.elements?.length && !clip.parity.some((n) => n.param === 'elements')) {
      const upload = (path: string) => `<upload: ${path.split('/').pop() ?? path}>`;
      add(
        'elements',
        r.elements.map((e) => ({
          frontal_image_url: upload(e.frontal_image),
          ...(e.reference_images?.length ? { reference_image_urls: e.reference_images.map(upload) } : {}),
        })),
      );
    }
    out.push({
      model: clip.model,
      model_name: clip.model_name,
      route: clip.route,
      endpoint: clip.endpoint,
      fields,
      parity: clip.parity,
      overridden: r.overridden ?? [],
    });
  }
  return out;
}
