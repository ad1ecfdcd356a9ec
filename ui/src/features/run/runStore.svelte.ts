// The open run, the runs this window started or opened, and the clip-update stream that keeps
// both current. The library's list comes from the library store (one read at launch, not two).
import * as backend from '../../ipc/backend';
import type { ClipView, CompareRequest, MediaInfo, ExtendRequest, RemixRequest, RerunRequest, RunSummary, RunView, TrashItem } from '../../ipc/bindings.gen';
import type { IpcError } from '../../ipc/errors';
import { mergeClip, summarizeRun, upsertSummary } from '../../lib/runs';
import { isTerminal } from '../../lib/status';

/** How long to wait before re-reading a background run after one of its clips finishes. */
const SUMMARY_REFRESH_MS = 400;

export class RunStore {
  /**
   * Summaries of the runs this window started or opened: fresher than the library's page while
   * their clips change, and a run started since the page was read is listed from here.
   */
  history = $state<RunSummary[]>([]);
  open = $state<RunView | null>(null);
  media = $state<MediaInfo | null>(null);
  starting = $state(false);
  opening = $state<string | null>(null);
  error = $state<string | null>(null);
  /** The run this window started last; queued prompts wait for it. */
  latestRunId = $state<string | null>(null);
  /** Its clips still on their way, followed whether the run is open or not. */
  private latestPending = $state<string[]>([]);
  /** Whether the run started last is still running. */
  inFlight = $derived(this.latestPending.length > 0);

  /**
   * Snapshots for runs that are not open. start_run's reply can lose the race with the first
   * events of its own clips, so they are held here and merged when the run is opened.
   */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a buffer nothing renders
  private early = new Map<string, Map<string, ClipView>>();
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- ids waiting for a re-read, not rendered
  private stale = new Set<string>();

  /** Loads media info and subscribes to clip updates. Returns the unsubscribe. */
  async init(): Promise<() => void> {
    const unlisten = await backend.onClipUpdate((clip) => this.applyClipUpdate(clip));
    await this.loadMedia();
    return () => {
      unlisten();
      clearTimeout(this.refreshTimer);
    };
  }

  /** Stars a clip (null clears); the change arrives as a clip update like any other. */
  async rate(clip: ClipView, rating: number | null): Promise<string | null> {
    try {
      this.applyClipUpdate(await backend.rateClip(clip.id, rating));
      return null;
    } catch (e) {
      return (e as IpcError).message;
    }
  }

  /** Re-reads the background runs whose clips finished, each once per burst. */
  private async refreshStale(): Promise<void> {
    const ids = [...this.stale];
    this.stale.clear();
    for (const id of ids) {
      try {
        const run = await backend.getRun(id);
        if (this.history.some((s) => s.run_id === id)) this.history = upsertSummary(this.history, summarizeRun(run));
      } catch {
        this.history = this.history.filter((s) => s.run_id !== id); // gone (trashed elsewhere)
      }
    }
  }

  private async loadMedia(): Promise<void> {
    try {
      this.media = await backend.mediaInfo();
    } catch (e) {
      this.error = `Clips cannot be played: ${(e as IpcError).message}`;
    }
  }

  /** Starts a run and opens it. Returns the error for the form to show, or null. */
  async start(request: CompareRequest): Promise<IpcError | null> {
    return this.begin(() => backend.startRun(request));
  }

  /** Starts a remix (a new run of one clip) and opens it. */
  async remix(request: RemixRequest): Promise<IpcError | null> {
    return this.begin(() => backend.startRemix(request));
  }

  /** Starts an extension of a finished clip (a child run of the source's run) and opens it. */
  async extend(request: ExtendRequest): Promise<IpcError | null> {
    return this.begin(() => backend.startExtend(request));
  }

  /** Starts a re-run (the new run records its parent) and opens it. */
  async rerun(request: RerunRequest): Promise<IpcError | null> {
    return this.begin(() => backend.startRerun(request));
  }

  /** Cancels a clip; the sentence to show, whether it went through or not. */
  async cancel(clip: ClipView): Promise<string> {
    try {
      const outcome = await backend.cancelClip(clip.id);
      this.applyClipUpdate(outcome.clip);
      return outcome.message;
    } catch (e) {
      return (e as IpcError).message;
    }
  }

  private async begin(call: () => Promise<RunView>): Promise<IpcError | null> {
    this.starting = true;
    try {
      const run = this.show(await call());
      this.latestRunId = run.run_id;
      this.latestPending = run.clips.filter((c) => !isTerminal(c.status)).map((c) => c.id);
      return null;
    } catch (e) {
      return e as IpcError;
    } finally {
      this.starting = false;
    }
  }

  async openRun(runId: string): Promise<void> {
    this.opening = runId;
    try {
      const run = await backend.getRun(runId);
      if (this.opening === runId) this.show(run);
    } catch (e) {
      this.error = (e as IpcError).message;
    } finally {
      if (this.opening === runId) this.opening = null;
    }
  }

  applyClipUpdate(clip: ClipView): void {
    if (clip.run_id === this.latestRunId && isTerminal(clip.status)) this.latestPending = this.latestPending.filter((id) => id !== clip.id);
    if (this.open?.run_id === clip.run_id) {
      this.open = mergeClip(this.open, clip);
      this.history = upsertSummary(this.history, summarizeRun(this.open));
      return;
    }
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- part of the unrendered buffer
    const held = this.early.get(clip.run_id) ?? new Map<string, ClipView>();
    held.set(clip.id, clip);
    this.early.set(clip.run_id, held);
    // A run finishing in the background should still update its line: that run is re-read.
    if (isTerminal(clip.status) && this.history.some((s) => s.run_id === clip.run_id)) {
      this.stale.add(clip.run_id);
      clearTimeout(this.refreshTimer);
      this.refreshTimer = setTimeout(() => void this.refreshStale(), SUMMARY_REFRESH_MS);
    }
  }

  /** Told when the library's lists may have changed (trash, winner): the library re-reads. */
  onLibraryChanged: () => void = () => {};

  /** A new winner (set_winner's answer): the open run and its history line take it. */
  winnerChanged(run: RunView): void {
    this.onLibraryChanged();
    if (this.open?.run_id === run.run_id) this.open = { ...this.open, winner_clip_id: run.winner_clip_id };
    this.history = this.history.map((s) => (s.run_id === run.run_id ? { ...s, winner_clip_id: run.winner_clip_id } : s));
  }

  /** Runs and clips gone to the trash leave the stage and the history at once. */
  trashed(items: TrashItem[]): void {
    this.onLibraryChanged();
    const ids = (kind: TrashItem['kind']) => items.filter((i) => i.kind === kind).map((i) => i.id);
    const runs = { has: (id: string) => ids('run').includes(id) };
    const clips = { has: (id: string) => ids('clip').includes(id) };
    this.history = this.history.filter((s) => !runs.has(s.run_id));
    if (this.open && runs.has(this.open.run_id)) {
      this.open = null;
    } else if (this.open && this.open.clips.some((c) => clips.has(c.id))) {
      const open: RunView = { ...this.open, clips: this.open.clips.filter((c) => !clips.has(c.id)) };
      if (open.winner_clip_id && clips.has(open.winner_clip_id)) open.winner_clip_id = null;
      this.open = open;
      this.history = upsertSummary(this.history, summarizeRun(open));
    }
  }

  private show(run: RunView): RunView {
    let merged = run;
    for (const clip of this.early.get(run.run_id)?.values() ?? []) merged = mergeClip(merged, clip);
    this.early.delete(run.run_id);
    this.open = merged;
    this.error = null;
    this.history = upsertSummary(this.history, summarizeRun(merged));
    return merged;
  }
}
