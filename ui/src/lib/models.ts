// Helpers for presenting the catalog: grouping by family, describing what a route supports.
import type { Lifecycle, ModelInfo, RouteId, RouteInfo } from '../ipc/bindings.gen';

/** The selector plan_run/start_run accept: `kling-3.0-pro@fal`. */
export const selectionKey = (modelId: string, route: RouteId) => `${modelId}@${route}`;

export interface FamilyGroup {
  family: string;
  vendor: string;
  models: ModelInfo[];
}

/** Families in catalog order (the catalog is curated, so its order is meaningful). */
export function groupByFamily(models: ModelInfo[]): FamilyGroup[] {
  const groups = new Map<string, FamilyGroup>();
  for (const model of models) {
    const group = groups.get(model.family) ?? { family: model.family, vendor: model.vendor, models: [] };
    group.models.push(model);
    groups.set(model.family, group);
  }
  return [...groups.values()];
}

/** "3–15 s" for a contiguous run of seconds, "4/8/12 s" otherwise. */
export function formatDurations(durations: number[]): string {
  if (durations.length === 0) return '';
  const sorted = [...durations].sort((a, b) => a - b);
  const contiguous = sorted.every((d, i) => i === 0 || d === sorted[i - 1] + 1);
  if (sorted.length === 1) return `${sorted[0]} s`;
  return contiguous && sorted.length > 2 ? `${sorted[0]}–${sorted[sorted.length - 1]} s` : `${sorted.join('/')} s`;
}

const resolutionRank = (label: string) => (label.toLowerCase() === '4k' ? 2160 : parseInt(label, 10) || 0);

export function maxResolution(resolutions: string[]): string {
  return [...resolutions].sort((a, b) => resolutionRank(b) - resolutionRank(a))[0] ?? '';
}

function audioWord(audio: boolean[]): string {
  if (audio.includes(true) && audio.includes(false)) return 'audio on/off';
  return audio.includes(true) ? 'audio always' : 'silent';
}

/**
 * One dense line of what a route accepts:
 * "3–15 s · 16:9 9:16 1:1 · ≤1080p · audio on/off · negative prompt · seed".
 * Images, cfg and multi-shot are badges instead (see capabilityBadges in ./capabilities).
 */
export function supportsSummary(route: RouteInfo): string {
  return [
    formatDurations(route.durations),
    route.aspects.join(' '),
    `≤${maxResolution(route.resolutions)}`,
    audioWord(route.audio),
    route.negative_prompt ? 'negative prompt' : null,
    route.seed ? 'seed' : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** True once an announced shutdown date (ISO, compared as text) is before `today`. */
export const shutdownPassed = (lifecycle: Lifecycle, today: string) =>
  lifecycle.state === 'deprecated' && lifecycle.date != null && lifecycle.date < today;

/** Badge text for where a model+route is in its life, as of `today` (ISO date). */
export function lifecycleLabel(lifecycle: Lifecycle, today: string): string {
  switch (lifecycle.state) {
    case 'active':
      return 'active';
    case 'deprecated':
      if (shutdownPassed(lifecycle, today)) return `deprecated · shutdown passed ${lifecycle.date}`;
      return lifecycle.date ? `deprecated · ends ${lifecycle.date}` : 'deprecated';
    case 'retired':
      return lifecycle.date ? `retired ${lifecycle.date}` : 'retired';
  }
}

/** A model selector or id shown by name when the catalog knows it (`kling-3.0-pro@fal` → "Kling 3.0 Pro"). */
export function modelLabel(selector: string, models: ModelInfo[]): string {
  const id = selector.split('@')[0];
  return models.find((m) => m.id === id)?.name ?? id;
}

/** Display names for routes, matching the Rust `RouteId::display_name`. */
export const ROUTE_NAME: Record<RouteId, string> = {
  fal: 'fal',
  openai: 'OpenAI',
  replicate: 'Replicate',
  kling: 'Kling',
  google: 'Google',
  runway: 'Runway',
  luma: 'Luma',
  minimax: 'MiniMax',
  seedance: 'BytePlus Ark',
};

/** A stored route's display name; a route this build does not know is shown as stored. */
export function routeName(route: string): string {
  return ROUTE_NAME[route as RouteId] ?? route;
}
