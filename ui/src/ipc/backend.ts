// The one typed doorway to the Rust shell. Everything else in the UI calls these
// functions and never imports @tauri-apps/* (enforced by ESLint).
import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import type {
  AppSettings,
  CancelOutcome,
  ClipView,
  CompareRequest,
  ImportedImage,
  KeyStatus,
  LeaderRow,
  LibraryQuery,
  LintRequest,
  MediaInfo,
  ModelAdvice,
  ModelInfo,
  ModelStats,
  PriceSpec,
  RemixRequest,
  RouteId,
  RunPlan,
  RunSummary,
  RunView,
  VoteRequest,
} from './bindings.gen';
import { CLIP_UPDATE_EVENT, commands, FILE_NAME_HEADER, IMPORT_IMAGE_COMMAND } from './bindings.gen';
import { normalised } from './errors';
import { createFakeBackend } from './fake';

export type Unlisten = () => void;

/** Every command the shell implements, plus the clip event. */
export interface Backend {
  listModels(): Promise<ModelInfo[]>;
  setPriceOverride(model: string, route: RouteId, price: PriceSpec): Promise<ModelInfo[]>;
  clearPriceOverride(model: string, route: RouteId): Promise<ModelInfo[]>;
  importImage(fileName: string, bytes: Uint8Array): Promise<ImportedImage>;
  lintPrompt(request: LintRequest): Promise<ModelAdvice[]>;
  planRun(request: CompareRequest): Promise<RunPlan>;
  startRun(request: CompareRequest): Promise<RunView>;
  listRuns(): Promise<RunSummary[]>;
  getRun(runId: string): Promise<RunView>;
  planRemix(request: RemixRequest): Promise<RunPlan>;
  startRemix(request: RemixRequest): Promise<RunView>;
  cancelClip(clipId: string): Promise<CancelOutcome>;
  searchRuns(query: LibraryQuery): Promise<RunSummary[]>;
  rateClip(clipId: string, rating: number | null): Promise<ClipView>;
  modelStats(includeDemo: boolean): Promise<ModelStats[]>;
  vote(request: VoteRequest): Promise<number>;
  leaderboard(criterion: string | null): Promise<LeaderRow[]>;
  mediaInfo(): Promise<MediaInfo>;
  getSettings(): Promise<AppSettings>;
  setDemo(demo: boolean): Promise<AppSettings>;
  keyStatus(): Promise<KeyStatus[]>;
  setKey(route: RouteId, key: string): Promise<KeyStatus[]>;
  removeKey(route: RouteId): Promise<KeyStatus[]>;
  onClipUpdate(callback: (clip: ClipView) => void): Promise<Unlisten>;
}

/**
 * The shell, through the command layer generated from Rust (`bindings.gen.ts`, tauri-specta):
 * a command or argument renamed in Rust changes these signatures and this file stops
 * type-checking, instead of failing on a click.
 */
export const tauriBackend: Backend = {
  listModels: () => commands.listModels(),
  setPriceOverride: (model, route, price) => commands.setPriceOverride(model, route, price),
  clearPriceOverride: (model, route) => commands.clearPriceOverride(model, route),
  // Raw body: the bytes travel as-is instead of a JSON array of numbers. Headers are
  // ASCII-only, so the name is percent-encoded (the shell decodes it).
  importImage: (fileName, bytes) =>
    invoke(IMPORT_IMAGE_COMMAND, bytes, { headers: { [FILE_NAME_HEADER]: encodeURIComponent(fileName) } }),
  lintPrompt: (request) => commands.lintPrompt(request),
  planRun: (request) => commands.planRun(request),
  startRun: (request) => commands.startRun(request),
  listRuns: () => commands.listRuns(),
  getRun: (runId) => commands.getRun(runId),
  planRemix: (request) => commands.planRemix(request),
  startRemix: (request) => commands.startRemix(request),
  cancelClip: (clipId) => commands.cancelClip(clipId),
  searchRuns: (query) => commands.searchRuns(query),
  rateClip: (clipId, rating) => commands.rateClip(clipId, rating),
  modelStats: (includeDemo) => commands.modelStats(includeDemo),
  vote: (request) => commands.vote(request),
  leaderboard: (criterion) => commands.leaderboard(criterion),
  mediaInfo: () => commands.mediaInfo(),
  getSettings: () => commands.getSettings(),
  setDemo: (demo) => commands.setDemo(demo),
  keyStatus: () => commands.keyStatus(),
  setKey: (route, key) => commands.setKey(route, key),
  removeKey: (route) => commands.removeKey(route),
  onClipUpdate: (callback) => listen<ClipView>(CLIP_UPDATE_EVENT, (event) => callback(event.payload)),
};

/** True inside the Tauri webview; false in a plain browser and in unit tests. */
export function insideTauri(): boolean {
  return typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window;
}

function browserFake(): Backend {
  // `?sample` opens with demo on and a couple of past runs; `?video=URL` gives finished
  // clips something real to play. Both only matter when developing in a plain browser.
  const query = typeof location === 'undefined' ? new URLSearchParams() : new URLSearchParams(location.search);
  return createFakeBackend({ sample: query.has('sample'), videoUrl: query.get('video') ?? '' });
}

let active: Backend = insideTauri() ? tauriBackend : browserFake();

/** Swaps the implementation (tests use a fresh fake per test). */
export function useBackend(backend: Backend): void {
  active = backend;
}

export const listModels = () => normalised(active.listModels());
export const setPriceOverride = (model: string, route: RouteId, price: PriceSpec) =>
  normalised(active.setPriceOverride(model, route, price));
export const clearPriceOverride = (model: string, route: RouteId) => normalised(active.clearPriceOverride(model, route));
export const importImage = (fileName: string, bytes: Uint8Array) => normalised(active.importImage(fileName, bytes));
export const lintPrompt = (request: LintRequest) => normalised(active.lintPrompt(request));
export const planRun = (request: CompareRequest) => normalised(active.planRun(request));
export const startRun = (request: CompareRequest) => normalised(active.startRun(request));
export const listRuns = () => normalised(active.listRuns());
export const getRun = (runId: string) => normalised(active.getRun(runId));
export const planRemix = (request: RemixRequest) => normalised(active.planRemix(request));
export const startRemix = (request: RemixRequest) => normalised(active.startRemix(request));
export const cancelClip = (clipId: string) => normalised(active.cancelClip(clipId));
export const searchRuns = (query: LibraryQuery) => normalised(active.searchRuns(query));
export const rateClip = (clipId: string, rating: number | null) => normalised(active.rateClip(clipId, rating));
export const modelStats = (includeDemo: boolean) => normalised(active.modelStats(includeDemo));
export const vote = (request: VoteRequest) => normalised(active.vote(request));
export const leaderboard = (criterion: string | null) => normalised(active.leaderboard(criterion));
export const mediaInfo = () => normalised(active.mediaInfo());
export const getSettings = () => normalised(active.getSettings());
export const setDemo = (demo: boolean) => normalised(active.setDemo(demo));
export const keyStatus = () => normalised(active.keyStatus());
export const setKey = (route: RouteId, key: string) => normalised(active.setKey(route, key));
export const removeKey = (route: RouteId) => normalised(active.removeKey(route));
export const onClipUpdate = (callback: (clip: ClipView) => void) => normalised(active.onClipUpdate(callback));
