// What each model+route takes beyond text, as RouteInfo reports it (start/end image,
// image-only, cfg range, multi-shot, motion control), worded for the picker badges and the compose form.
import type { ModelInfo, RouteInfo } from '../ipc/bindings.gen';
import { selectionKey } from './models';

/** A ticked `model@route` resolved against the catalog. */
export interface SelectedRoute {
  key: string;
  model: ModelInfo;
  route: RouteInfo;
}

/** The catalog entries behind the selected keys, in selection order; unknown keys are skipped. */
export function selectedRoutes(models: ModelInfo[], selected: string[]): SelectedRoute[] {
  return selected.flatMap((key) => {
    const [id, routeId] = key.split('@');
    const model = models.find((m) => m.id === id);
    const route = routeId ? model?.routes.find((r) => r.route === routeId) : model?.routes[0];
    return model && route ? [{ key: selectionKey(model.id, route.route), model, route }] : [];
  });
}

/** "0–1", "1–10", "0.5–7.5". */
export const formatRange = ([min, max]: number[]) => (min === max ? `${min}` : `${min}–${max}`);

export interface CapabilityBadge {
  kind: 'image' | 'last-frame' | 'image-only' | 'shots' | 'cfg' | 'motion';
  label: string;
  title: string;
}

/** The compact badges a picker row shows for what its route takes. */
export function capabilityBadges(route: RouteInfo): CapabilityBadge[] {
  const badges: CapabilityBadge[] = [];
  if (route.start_image || route.requires_image) {
    const aspects = route.image_aspects.length > 0 ? ` near ${route.image_aspects.join(' ')} (else crop)` : '';
    badges.push({ kind: 'image', label: 'image → video', title: `Can start from an image${aspects}` });
  }
  if (route.end_image) badges.push({ kind: 'last-frame', label: 'first+last frame', title: 'Also takes an end image as the last frame' });
  if (route.requires_image) badges.push({ kind: 'image-only', label: 'image only', title: 'Runs only from a start image; no text-to-video' });
  if (route.max_shots > 0) badges.push({ kind: 'shots', label: `multi-shot ≤${route.max_shots}`, title: `Takes up to ${route.max_shots} shots, each with its own prompt` });
  if (route.cfg_scale) badges.push({ kind: 'cfg', label: `cfg ${formatRange(route.cfg_scale)}`, title: `CFG scale from ${route.cfg_scale[0]} to ${route.cfg_scale[1]}` });
  if (route.motion) {
    const m = route.motion;
    const title = `Motion control: the start image performs a reference video's motion (${m.min_seconds}–${m.max_seconds_video} s; the clip lasts as long)`;
    badges.push({ kind: 'motion', label: 'motion control', title });
  }
  return badges;
}

/** "Runway Gen-4 Turbo", "A and B", "A, B and C". */
export function joinNames(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** Unique model names, in order (two routes of one model read as one name). */
const namesOf = (routes: SelectedRoute[]) => [...new Set(routes.map((r) => r.model.name))];

/** Why Run waits for a start image ("Runway Gen-4 Turbo needs a start image"), or null. */
export function startImageBlocker(routes: SelectedRoute[], hasStartImage: boolean): string | null {
  if (hasStartImage) return null;
  const names = namesOf(routes.filter((r) => r.route.requires_image));
  if (names.length === 0) return null;
  return `${joinNames(names)} ${names.length === 1 ? 'needs' : 'need'} a start image`;
}

export interface CfgSupport {
  /** Selected routes that take a cfg scale. */
  takers: SelectedRoute[];
  ignoredBy: SelectedRoute[];
  /** Widest bounds over the takers, for the input's min/max; null without takers. */
  bounds: [number, number] | null;
  /** "range 0–1", or per model when the takers differ: "0–1 Kling 3.0 Pro · 1–10 X". */
  range: string;
}

export function cfgSupport(routes: SelectedRoute[]): CfgSupport {
  const takers = routes.filter((r) => r.route.cfg_scale);
  const ignoredBy = routes.filter((r) => !r.route.cfg_scale);
  if (takers.length === 0) return { takers, ignoredBy, bounds: null, range: '' };
  const ranges = takers.map((r) => r.route.cfg_scale!);
  const bounds: [number, number] = [Math.min(...ranges.map((c) => c[0])), Math.max(...ranges.map((c) => c[1]))];
  const distinct = [...new Set(ranges.map(formatRange))];
  const range =
    distinct.length === 1
      ? `range ${distinct[0]}`
      : distinct.map((text) => `${text} ${joinNames(namesOf(takers.filter((t) => formatRange(t.route.cfg_scale!) === text)))}`).join(' · ');
  return { takers, ignoredBy, bounds, range };
}

/** The hint next to the cfg input. */
export function cfgHint(selectedCount: number, support: CfgSupport, asked: boolean): string {
  if (selectedCount === 0) return 'pick a model first';
  const { takers, ignoredBy, range } = support;
  if (takers.length === 0) return 'none of the selected models takes a cfg scale';
  if (!asked) return `prompt adherence · ${range}`;
  if (ignoredBy.length === 0) return `${range} · used by every selected model`;
  return `${range} · used by ${takers.length} of ${takers.length + ignoredBy.length} selected`;
}

export interface ShotSupport {
  /** Selected routes with multi-shot input, and the fewest shots any of them takes. */
  takers: SelectedRoute[];
  maxShots: number;
  /** Models whose shots are joined into one prompt. */
  joinedFor: string[];
}

export function shotSupport(routes: SelectedRoute[]): ShotSupport {
  const takers = routes.filter((r) => r.route.max_shots > 0);
  const maxShots = takers.length > 0 ? Math.min(...takers.map((r) => r.route.max_shots)) : 0;
  return { takers, maxShots, joinedFor: namesOf(routes.filter((r) => r.route.max_shots === 0)) };
}
