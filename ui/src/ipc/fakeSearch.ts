// The fake backend's library search, following dailies-core's `search_run_page` and
// `search_clips`: FTS5-like words (case and accents ignored, punctuation is not syntax, the
// last word also a prefix) over the prompt or a clip's tags and note; clip filters; trash
// hidden; newest first, a page at a time behind a `key:id` cursor.
import type { ClipPage, ClipStatus, ClipView, LibraryClip, LibraryQuery, RouteId, RunPage, RunView } from './bindings.gen';
import { invalid } from './fakeErrors';
import { summarizeRun } from '../lib/runs';

const ROUTES: RouteId[] = ['fal', 'openai', 'replicate', 'kling', 'google', 'runway', 'luma', 'minimax', 'seedance'];
const STATUSES: ClipStatus[] = ['pending', 'submitting', 'queued', 'generating', 'downloading', 'succeeded', 'failed', 'canceled', 'unknown'];
const DEFAULT_LIMIT = 200;
const MAX_LIMIT = 1000;
const DAY_MS = 86_400_000;
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** What the library holds besides the runs: the trash and the boards. */
export interface LibraryExtras {
  /** Ids of trashed runs and clips. */
  trashed?: ReadonlySet<string>;
  boards?: { id: number; name: string; clipIds: ReadonlySet<string> }[];
}

/** unicode61 with remove_diacritics: lower-cased letter/number runs without their accents. */
export function tokens(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

type Phrase = { tokens: string[]; prefix: boolean };

/** Every typed word a quoted phrase; the last one's last token also a prefix. */
function phrases(text: string | null | undefined): Phrase[] {
  const words = (text ?? '').split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
  return words.map((w, i) => ({ tokens: tokens(w), prefix: i === words.length - 1 })).filter((p) => p.tokens.length > 0);
}

function hasPhrase(doc: string[], p: Phrase): boolean {
  const n = p.tokens.length;
  for (let i = 0; i + n <= doc.length; i++) {
    const ok = p.tokens.every((t, k) => (k === n - 1 && p.prefix ? doc[i + k].startsWith(t) : doc[i + k] === t));
    if (ok) return true;
  }
  return false;
}

const matchesAll = (doc: string[], ps: Phrase[]) => ps.every((p) => hasPhrase(doc, p));
const clipWords = (c: ClipView) => tokens(`${c.tags.join(' ')} ${c.note ?? ''}`);

interface Filter {
  phrases: Phrase[];
  model?: [string, string | undefined];
  route?: string;
  status?: string;
  minRating?: number;
  tag?: string;
  board?: string;
  sinceMs?: number;
  untilMs?: number;
  maxCost?: number;
  cursor?: { key: number; id: string };
  limit: number;
}

const present = (v: string | null | undefined) => (v ?? '').trim() || undefined;
const bad = (field: string, value: string, allowed: string) => invalid(`${field}: '${value}' is not valid; allowed values: ${allowed}`);

function dayStart(field: string, day: string): number {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(day) ? Date.parse(`${day}T00:00:00Z`) : NaN;
  if (Number.isNaN(ms)) throw bad(field, day, 'a day as YYYY-MM-DD');
  return ms;
}

function parse(q: LibraryQuery): Filter {
  const model = present(q.model);
  const route = present(q.route);
  const status = present(q.status);
  if (route && !ROUTES.includes(route as RouteId)) throw bad('route', route, ROUTES.join(', '));
  if (status && !STATUSES.includes(status as ClipStatus)) throw bad('status', status, STATUSES.join(', '));
  if (q.min_rating != null && !(q.min_rating >= 1 && q.min_rating <= 5)) throw bad('min-rating', String(q.min_rating), '1, 2, 3, 4, 5');
  if (q.max_cost_usd != null && !(Number.isFinite(q.max_cost_usd) && q.max_cost_usd >= 0)) {
    throw bad('max-cost', String(q.max_cost_usd), 'a number of US dollars, 0 or more');
  }
  const since = present(q.since);
  const until = present(q.until);
  const sinceMs = since ? dayStart('since', since) : undefined;
  const untilMs = until ? dayStart('until', until) + DAY_MS : undefined;
  if (sinceMs != null && untilMs != null && untilMs <= sinceMs) throw bad('until', until!, 'a day on or after --since');
  const rawCursor = present(q.cursor);
  let cursor: Filter['cursor'];
  if (rawCursor) {
    const cut = rawCursor.indexOf(':');
    const key = Number(rawCursor.slice(0, cut));
    const id = rawCursor.slice(cut + 1);
    if (cut < 1 || !Number.isInteger(key) || !id) throw bad('cursor', rawCursor, 'the next_cursor of a page');
    cursor = { key, id };
  }
  const [modelId, modelRoute] = model ? model.split('@') : [];
  return {
    phrases: phrases(q.text),
    model: modelId ? [modelId, modelRoute] : undefined,
    route,
    status,
    minRating: q.min_rating ?? undefined,
    tag: present(q.tag)?.toLowerCase(),
    board: present(q.board),
    sinceMs,
    untilMs,
    maxCost: q.max_cost_usd ?? undefined,
    cursor,
    limit: Math.min(MAX_LIMIT, Math.max(1, q.limit ?? DEFAULT_LIMIT)),
  };
}

function clipPasses(c: ClipView, f: Filter, extras: LibraryExtras): boolean {
  if (extras.trashed?.has(c.id)) return false;
  if (f.model && (c.model !== f.model[0] || (f.model[1] && c.route !== f.model[1]))) return false;
  if (f.route && c.route !== f.route) return false;
  if (f.status && c.status !== f.status) return false;
  if (f.minRating != null && (c.rating ?? 0) < f.minRating) return false;
  if (f.tag && !c.tags.includes(f.tag)) return false;
  if (f.board) {
    const name = f.board.toLowerCase();
    const board = extras.boards?.find((b) => b.name.toLowerCase() === name || String(b.id) === f.board);
    if (!board?.clipIds.has(c.id)) return false;
  }
  return true;
}

const hasClipFilter = (f: Filter) => Boolean(f.model || f.route || f.status || f.minRating != null || f.tag || f.board);
const clipCost = (c: ClipView) => c.cost_usd ?? c.estimated_cost_usd;
const before = (key: number, id: string, cursor: Filter['cursor']) => !cursor || key < cursor.key || (key === cursor.key && id < cursor.id);

/** Newest first by `(key, id)`, after the cursor, one page and the cursor of the next. */
function page<T>(items: { key: number; id: string; item: T }[], f: Filter): { items: T[]; next: string | null } {
  const sorted = items
    .filter((x) => before(x.key, x.id, f.cursor))
    .sort((a, b) => b.key - a.key || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  const shown = sorted.slice(0, f.limit);
  const last = shown[shown.length - 1];
  return { items: shown.map((x) => x.item), next: sorted.length > f.limit && last ? `${last.key}:${last.id}` : null };
}

export function searchRunPage(runs: RunView[], q: LibraryQuery, extras: LibraryExtras = {}): RunPage {
  const f = parse(q);
  const live = (r: RunView) => !extras.trashed?.has(r.run_id);
  const matching = runs.filter(live).filter((r) => {
    const created = Date.parse(r.created_at);
    const clips = r.clips.filter((c) => !extras.trashed?.has(c.id));
    if (f.sinceMs != null && created < f.sinceMs) return false;
    if (f.untilMs != null && created >= f.untilMs) return false;
    if (f.maxCost != null && clips.reduce((s, c) => s + clipCost(c), 0) > f.maxCost) return false;
    if (hasClipFilter(f) && !clips.some((c) => clipPasses(c, f, extras))) return false;
    return f.phrases.length === 0 || matchesAll(tokens(r.prompt), f.phrases) || clips.some((c) => matchesAll(clipWords(c), f.phrases));
  });
  const { items, next } = page(
    matching.map((r) => ({ key: Date.parse(r.created_at), id: r.run_id, item: r })),
    f,
  );
  const summaries = items.map((r) => summarizeRun({ ...r, clips: r.clips.filter((c) => !extras.trashed?.has(c.id)) }));
  return { runs: summaries, next_cursor: next };
}

export function searchClips(runs: RunView[], q: LibraryQuery, extras: LibraryExtras = {}): ClipPage {
  const f = parse(q);
  const candidates = runs
    .filter((r) => !extras.trashed?.has(r.run_id))
    .flatMap((r) => {
      const promptMatches = f.phrases.length === 0 || matchesAll(tokens(r.prompt), f.phrases);
      // A clip is as old as its run here; the clip id keeps a run's clips in a stable order.
      const created = Date.parse(r.created_at);
      const inRange = (f.sinceMs == null || created >= f.sinceMs) && (f.untilMs == null || created < f.untilMs);
      if (!inRange) return [];
      return r.clips
        .filter((c) => clipPasses(c, f, extras))
        .filter((c) => promptMatches || matchesAll(clipWords(c), f.phrases))
        .filter((c) => f.maxCost == null || clipCost(c) <= f.maxCost)
        .map((c) => ({ key: created, id: c.id, item: libraryClip(r, c) }));
    });
  const { items, next } = page(candidates, f);
  return { clips: items, next_cursor: next };
}

function libraryClip(run: RunView, clip: ClipView): LibraryClip {
  return {
    clip: clone(clip),
    prompt: run.prompt,
    created_at: run.created_at,
    params: clone(run.params),
    parent_run_id: run.parent_run_id,
    winner: run.winner_clip_id === clip.id,
  };
}
