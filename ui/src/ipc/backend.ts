// The one typed doorway to the Rust shell. Everything else in the UI calls these
// functions and never imports @tauri-apps/* (enforced by ESLint).
import { Channel, invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import type {
  AppSettings,
  Board,
  TimeNote,
  CancelOutcome,
  ClipPage,
  ClipView,
  CompareRequest,
  EmptiedTrash,
  ExportedDocument,
  ExportFormat,
  ExportProgress,
  ImportedImage,
  ImportedVideo,
  KeyStatus,
  LibraryElement,
  NewElement,
  LeaderRow,
  StatsSeries,
  StatsSeriesQuery,
  LibraryLocation,
  LibraryQuery,
  LintRequest,
  MediaInfo,
  ModelAdvice,
  ModelInfo,
  ModelStats,
  MoveProgress,
  MoveReport,
  PriceSpec,
  Iteration,
  RemixRequest,
  ExtendRequest,
  RerunRequest,
  RouteId,
  RunPage,
  RunPlan,
  RunSummary,
  RunView,
  SettingEntry,
  SpendSummary,
  TrashItem,
  VideoExportOutcome,
  VideoLayout,
  VoteRequest,
  WirePreview,
} from './bindings.gen';
import { CLIP_UPDATE_EVENT, commands, FILE_NAME_HEADER, IMPORT_IMAGE_COMMAND, IMPORT_VIDEO_COMMAND } from './bindings.gen';
import { normalised } from './errors';
import { createFakeBackend } from './fake';

export type Unlisten = () => void;

/** Every command the shell implements, plus the clip event. */
export interface Backend {
  listModels(): Promise<ModelInfo[]>;
  setPriceOverride(model: string, route: RouteId, price: PriceSpec): Promise<ModelInfo[]>;
  clearPriceOverride(model: string, route: RouteId): Promise<ModelInfo[]>;
  importImage(fileName: string, bytes: Uint8Array): Promise<ImportedImage>;
  /** A motion-control reference video (MP4/MOV), copied into the library. */
  importVideo(fileName: string, bytes: Uint8Array): Promise<ImportedVideo>;
  // The element library (features/elements): characters or objects for @Element1….
  listElements(): Promise<LibraryElement[]>;
  addElement(element: NewElement): Promise<LibraryElement>;
  removeElement(elementId: string): Promise<LibraryElement>;
  lintPrompt(request: LintRequest): Promise<ModelAdvice[]>;
  previewRun(request: CompareRequest): Promise<WirePreview[]>;
  planRun(request: CompareRequest): Promise<RunPlan>;
  startRun(request: CompareRequest): Promise<RunView>;
  listRuns(): Promise<RunSummary[]>;
  getRun(runId: string): Promise<RunView>;
  planRemix(request: RemixRequest): Promise<RunPlan>;
  startRemix(request: RemixRequest): Promise<RunView>;
  planExtend(request: ExtendRequest): Promise<RunPlan>;
  startExtend(request: ExtendRequest): Promise<RunView>;
  cancelClip(clipId: string): Promise<CancelOutcome>;
  planRerun(request: RerunRequest): Promise<RunPlan>;
  startRerun(request: RerunRequest): Promise<RunView>;
  runIteration(runId: string): Promise<Iteration>;
  searchRuns(query: LibraryQuery): Promise<RunSummary[]>;
  /** A keyset page of runs, newest first; pass `next_cursor` back as `query.cursor`. */
  searchRunPage(query: LibraryQuery): Promise<RunPage>;
  /** A keyset page of clips with their run's context, newest first. */
  searchClips(query: LibraryQuery): Promise<ClipPage>;
  rateClip(clipId: string, rating: number | null): Promise<ClipView>;
  modelStats(includeDemo: boolean): Promise<ModelStats[]>;
  vote(request: VoteRequest): Promise<number>;
  leaderboard(criterion: string | null): Promise<LeaderRow[]>;
  /** Spend, latency, success and $/s over time for the Stats view's charts. */
  statsSeries(query: StatsSeriesQuery): Promise<StatsSeries>;
  mediaInfo(): Promise<MediaInfo>;
  getSettings(): Promise<AppSettings>;
  setDemo(demo: boolean): Promise<AppSettings>;
  listSettings(): Promise<SettingEntry[]>;
  setSetting(key: string, value: string): Promise<SettingEntry>;
  unsetSetting(key: string): Promise<SettingEntry>;
  spendSummary(): Promise<SpendSummary>;
  // The library's folder and moving it (features/settings). After a move the app restarts.
  libraryLocation(): Promise<LibraryLocation>;
  moveLibrary(dir: string, onProgress: (progress: MoveProgress) => void): Promise<MoveReport>;
  restartApp(): Promise<null>;
  keyStatus(): Promise<KeyStatus[]>;
  setKey(route: RouteId, key: string): Promise<KeyStatus[]>;
  removeKey(route: RouteId): Promise<KeyStatus[]>;
  onClipUpdate(callback: (clip: ClipView) => void): Promise<Unlisten>;
  // Curation and the trash (features/curate).
  tagClip(clipId: string, tags: string[]): Promise<ClipView>;
  untagClip(clipId: string, tags: string[]): Promise<ClipView>;
  listTags(): Promise<string[]>;
  setNote(clipId: string, note: string | null): Promise<ClipView>;
  setWinner(runId: string, clipId: string | null): Promise<RunView>;
  listBoards(): Promise<Board[]>;
  boardsOfClip(clipId: string): Promise<Board[]>;
  createBoard(name: string): Promise<Board>;
  renameBoard(boardId: number, name: string): Promise<Board>;
  deleteBoard(boardId: number): Promise<void>;
  listTimeNotes(runId: string): Promise<TimeNote[]>;
  addTimeNote(clipId: string, atMs: number, text: string): Promise<TimeNote>;
  deleteTimeNote(noteId: number): Promise<void>;
  addToBoard(boardId: number, clipIds: string[]): Promise<Board>;
  removeFromBoard(boardId: number, clipIds: string[]): Promise<Board>;
  trashItems(ids: string[]): Promise<TrashItem[]>;
  restoreItem(id: string): Promise<TrashItem>;
  listTrash(): Promise<TrashItem[]>;
  emptyTrash(): Promise<EmptiedTrash>;
  // Exports: a path of null writes to the library's `exports/` folder.
  exportRun(runId: string, format: ExportFormat, path: string | null): Promise<ExportedDocument>;
  /** `onProgress` hears the share done (0–1) while ffmpeg encodes. */
  exportVideo(
    runId: string,
    layout: VideoLayout,
    audioClip: string | null,
    path: string | null,
    onProgress: (progress: ExportProgress) => void,
  ): Promise<VideoExportOutcome>;
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
  importVideo: (fileName, bytes) =>
    invoke(IMPORT_VIDEO_COMMAND, bytes, { headers: { [FILE_NAME_HEADER]: encodeURIComponent(fileName) } }),
  lintPrompt: (request) => commands.lintPrompt(request),
  previewRun: (request) => commands.previewRun(request),
  planRun: (request) => commands.planRun(request),
  startRun: (request) => commands.startRun(request),
  listRuns: () => commands.listRuns(),
  getRun: (runId) => commands.getRun(runId),
  planRemix: (request) => commands.planRemix(request),
  startRemix: (request) => commands.startRemix(request),
  planExtend: (request) => commands.planExtend(request),
  startExtend: (request) => commands.startExtend(request),
  cancelClip: (clipId) => commands.cancelClip(clipId),
  planRerun: (request) => commands.planRerun(request),
  startRerun: (request) => commands.startRerun(request),
  runIteration: (runId) => commands.runIteration(runId),
  searchRuns: (query) => commands.searchRuns(query),
  searchRunPage: (query) => commands.searchRunPage(query),
  searchClips: (query) => commands.searchClips(query),
  rateClip: (clipId, rating) => commands.rateClip(clipId, rating),
  modelStats: (includeDemo) => commands.modelStats(includeDemo),
  vote: (request) => commands.vote(request),
  leaderboard: (criterion) => commands.leaderboard(criterion),
  statsSeries: (query) => commands.statsSeries(query),
  mediaInfo: () => commands.mediaInfo(),
  getSettings: () => commands.getSettings(),
  setDemo: (demo) => commands.setDemo(demo),
  listSettings: () => commands.listSettings(),
  setSetting: (key, value) => commands.setSetting(key, value),
  unsetSetting: (key) => commands.unsetSetting(key),
  spendSummary: () => commands.spendSummary(),
  libraryLocation: () => commands.libraryLocation(),
  moveLibrary: (dir, onProgress) => {
    const channel = new Channel<MoveProgress>();
    channel.onmessage = onProgress;
    return commands.moveLibrary(dir, channel);
  },
  restartApp: () => commands.restartApp(),
  keyStatus: () => commands.keyStatus(),
  setKey: (route, key) => commands.setKey(route, key),
  removeKey: (route) => commands.removeKey(route),
  onClipUpdate: (callback) => listen<ClipView>(CLIP_UPDATE_EVENT, (event) => callback(event.payload)),
  tagClip: (clipId, tags) => commands.tagClip(clipId, tags),
  untagClip: (clipId, tags) => commands.untagClip(clipId, tags),
  listTags: () => commands.listTags(),
  setNote: (clipId, note) => commands.setNote(clipId, note),
  setWinner: (runId, clipId) => commands.setWinner(runId, clipId),
  listBoards: () => commands.listBoards(),
  boardsOfClip: (clipId) => commands.boardsOfClip(clipId),
  createBoard: (name) => commands.createBoard(name),
  renameBoard: (boardId, name) => commands.renameBoard(boardId, name),
  deleteBoard: (boardId) => commands.deleteBoard(boardId).then(() => undefined),
  listElements: () => commands.listElements(),
  addElement: (element) => commands.addElement(element),
  removeElement: (elementId) => commands.removeElement(elementId),
  listTimeNotes: (runId) => commands.listTimeNotes(runId),
  addTimeNote: (clipId, atMs, text) => commands.addTimeNote(clipId, atMs, text),
  deleteTimeNote: (noteId) => commands.deleteTimeNote(noteId).then(() => undefined),
  addToBoard: (boardId, clipIds) => commands.addToBoard(boardId, clipIds),
  removeFromBoard: (boardId, clipIds) => commands.removeFromBoard(boardId, clipIds),
  trashItems: (ids) => commands.trashItems(ids),
  restoreItem: (id) => commands.restoreItem(id),
  listTrash: () => commands.listTrash(),
  emptyTrash: () => commands.emptyTrash(),
  exportRun: (runId, format, path) => commands.exportRun(runId, format, path),
  exportVideo: (runId, layout, audioClip, path, onProgress) => {
    const channel = new Channel<ExportProgress>();
    channel.onmessage = onProgress;
    return commands.exportVideo(runId, layout, audioClip, path, channel);
  },
};

/** True inside the Tauri webview; false in a plain browser and in unit tests. */
export function insideTauri(): boolean {
  return typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window;
}

function browserFake(): Backend {
  // `?sample` opens with demo on and a couple of past runs (`?history=DAYS` adds weeks of
  // generated ones for the charts); `?video=URL` gives finished clips something real to
  // play. All only matter when developing in a plain browser.
  const query = typeof location === 'undefined' ? new URLSearchParams() : new URLSearchParams(location.search);
  const historyDays = query.has('history') ? Number(query.get('history')) || 45 : 0;
  return createFakeBackend({ sample: query.has('sample') || historyDays > 0, historyDays, videoUrl: query.get('video') ?? '' });
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
export const importVideo = (fileName: string, bytes: Uint8Array) => normalised(active.importVideo(fileName, bytes));
export const listElements = () => normalised(active.listElements());
export const addElement = (element: NewElement) => normalised(active.addElement(element));
export const removeElement = (elementId: string) => normalised(active.removeElement(elementId));
export const lintPrompt = (request: LintRequest) => normalised(active.lintPrompt(request));
export const previewRun = (request: CompareRequest) => normalised(active.previewRun(request));
export const planRun = (request: CompareRequest) => normalised(active.planRun(request));
export const startRun = (request: CompareRequest) => normalised(active.startRun(request));
export const listRuns = () => normalised(active.listRuns());
export const getRun = (runId: string) => normalised(active.getRun(runId));
export const planRemix = (request: RemixRequest) => normalised(active.planRemix(request));
export const startRemix = (request: RemixRequest) => normalised(active.startRemix(request));
export const planExtend = (request: ExtendRequest) => normalised(active.planExtend(request));
export const startExtend = (request: ExtendRequest) => normalised(active.startExtend(request));
export const cancelClip = (clipId: string) => normalised(active.cancelClip(clipId));
export const planRerun = (request: RerunRequest) => normalised(active.planRerun(request));
export const startRerun = (request: RerunRequest) => normalised(active.startRerun(request));
export const runIteration = (runId: string) => normalised(active.runIteration(runId));
export const searchRuns = (query: LibraryQuery) => normalised(active.searchRuns(query));
export const searchRunPage = (query: LibraryQuery) => normalised(active.searchRunPage(query));
export const searchClips = (query: LibraryQuery) => normalised(active.searchClips(query));
export const rateClip = (clipId: string, rating: number | null) => normalised(active.rateClip(clipId, rating));
export const modelStats = (includeDemo: boolean) => normalised(active.modelStats(includeDemo));
export const vote = (request: VoteRequest) => normalised(active.vote(request));
export const leaderboard = (criterion: string | null) => normalised(active.leaderboard(criterion));
export const statsSeries = (query: StatsSeriesQuery) => normalised(active.statsSeries(query));
export const mediaInfo = () => normalised(active.mediaInfo());
export const getSettings = () => normalised(active.getSettings());
export const setDemo = (demo: boolean) => normalised(active.setDemo(demo));
export const listSettings = () => normalised(active.listSettings());
export const setSetting = (key: string, value: string) => normalised(active.setSetting(key, value));
export const unsetSetting = (key: string) => normalised(active.unsetSetting(key));
export const spendSummary = () => normalised(active.spendSummary());
export const libraryLocation = () => normalised(active.libraryLocation());
export const moveLibrary = (dir: string, onProgress: (progress: MoveProgress) => void) =>
  normalised(active.moveLibrary(dir, onProgress));
export const restartApp = () => normalised(active.restartApp());
export const keyStatus = () => normalised(active.keyStatus());
export const setKey = (route: RouteId, key: string) => normalised(active.setKey(route, key));
export const removeKey = (route: RouteId) => normalised(active.removeKey(route));
export const onClipUpdate = (callback: (clip: ClipView) => void) => normalised(active.onClipUpdate(callback));
export const tagClip = (clipId: string, tags: string[]) => normalised(active.tagClip(clipId, tags));
export const untagClip = (clipId: string, tags: string[]) => normalised(active.untagClip(clipId, tags));
export const listTags = () => normalised(active.listTags());
export const setNote = (clipId: string, note: string | null) => normalised(active.setNote(clipId, note));
export const setWinner = (runId: string, clipId: string | null) => normalised(active.setWinner(runId, clipId));
export const listBoards = () => normalised(active.listBoards());
export const boardsOfClip = (clipId: string) => normalised(active.boardsOfClip(clipId));
export const createBoard = (name: string) => normalised(active.createBoard(name));
export const renameBoard = (boardId: number, name: string) => normalised(active.renameBoard(boardId, name));
export const deleteBoard = (boardId: number) => normalised(active.deleteBoard(boardId));
export const listTimeNotes = (runId: string) => normalised(active.listTimeNotes(runId));
export const addTimeNote = (clipId: string, atMs: number, text: string) => normalised(active.addTimeNote(clipId, atMs, text));
export const deleteTimeNote = (noteId: number) => normalised(active.deleteTimeNote(noteId));
export const addToBoard = (boardId: number, clipIds: string[]) => normalised(active.addToBoard(boardId, clipIds));
export const removeFromBoard = (boardId: number, clipIds: string[]) =>
  normalised(active.removeFromBoard(boardId, clipIds));
export const trashItems = (ids: string[]) => normalised(active.trashItems(ids));
export const restoreItem = (id: string) => normalised(active.restoreItem(id));
export const listTrash = () => normalised(active.listTrash());
export const emptyTrash = () => normalised(active.emptyTrash());
export const exportRun = (runId: string, format: ExportFormat, path: string | null = null) =>
  normalised(active.exportRun(runId, format, path));
export const exportVideo = (
  runId: string,
  layout: VideoLayout,
  audioClip: string | null,
  onProgress: (progress: ExportProgress) => void,
  path: string | null = null,
) => normalised(active.exportVideo(runId, layout, audioClip, path, onProgress));
