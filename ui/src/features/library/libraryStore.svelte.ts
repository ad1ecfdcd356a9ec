// The library panel's state: the filters, the page(s) of runs or clips they find, and the
// selected clip. Every search goes through the core's keyset pages; an answer to a query
// that has since changed is dropped (LatestOnly), so typing fast never shows stale results.
import * as backend from '../../ipc/backend';
import type { LibraryClip, RunSummary } from '../../ipc/bindings.gen';
import type { IpcError } from '../../ipc/errors';
import { isTerminal } from '../../lib/status';
import { isFiltering, NO_FILTERS, toQuery, type LibraryFilters } from './filters';
import { LatestOnly } from './latest';

export type LibraryView = 'runs' | 'clips';

/** Rows fetched per page: a screenful or two of either view. */
export const PAGE_SIZE = 60;
/** Typing settles for this long before the library is searched. */
const SEARCH_DEBOUNCE_MS = 200;
/** Finished clips arrive in bursts; one refresh per burst. */
const REFRESH_MS = 400;
/** The core's largest page: a refresh re-reads what is loaded, up to this many. */
const MAX_PAGE = 1000;

export class LibraryStore {
  view = $state<LibraryView>('runs');
  filters = $state<LibraryFilters>({ ...NO_FILTERS });
  runs = $state<RunSummary[]>([]);
  clips = $state<LibraryClip[]>([]);
  /** Where the next page starts; null when everything matching is loaded. */
  cursor = $state<string | null>(null);
  loading = $state(false);
  loaded = $state(false);
  error = $state<IpcError | null>(null);
  selectedClipId = $state<string | null>(null);
  /** Counts fresh result sets (not appended pages, not refreshes): a new one starts at the top. */
  generation = $state(0);

  filtering = $derived(isFiltering(this.filters));
  selected = $derived(this.clips.find((c) => c.clip.id === this.selectedClipId) ?? null);

  private latest = new LatestOnly();
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;

  /** Loads the first page and keeps the list current as clips change. Returns the unsubscribe. */
  async init(): Promise<() => void> {
    const unlisten = await backend.onClipUpdate((clip) => {
      if (isTerminal(clip.status)) this.scheduleRefresh();
    });
    await this.reload();
    return () => {
      unlisten();
      clearTimeout(this.typingTimer);
      clearTimeout(this.refreshTimer);
    };
  }

  /** Changes some filters; words wait for typing to pause, everything else searches now. */
  setFilters(change: Partial<LibraryFilters>): void {
    this.filters = { ...this.filters, ...change };
    clearTimeout(this.typingTimer);
    if ('text' in change) this.typingTimer = setTimeout(() => void this.reload(), SEARCH_DEBOUNCE_MS);
    else void this.reload();
  }

  clearFilters(): void {
    this.filters = { ...NO_FILTERS };
    void this.reload();
  }

  setView(view: LibraryView): void {
    if (view === this.view) return;
    this.view = view;
    this.runs = [];
    this.clips = [];
    this.loaded = false;
    void this.reload();
  }

  select(clipId: string | null): void {
    this.selectedClipId = clipId;
  }

  /** The first page for the current filters and view. */
  reload(): Promise<void> {
    return this.fetch(PAGE_SIZE, null, false, true);
  }

  /** The next page, appended; nothing while a page is on its way or when all is loaded. */
  loadMore(): Promise<void> {
    if (this.loading || !this.cursor) return Promise.resolve();
    return this.fetch(PAGE_SIZE, this.cursor, true);
  }

  /** Re-reads what is loaded (a clip finished, a rating changed) without losing the scroll. */
  refresh(): Promise<void> {
    const loaded = this.view === 'runs' ? this.runs.length : this.clips.length;
    return this.fetch(Math.min(MAX_PAGE, Math.max(PAGE_SIZE, loaded)), null, false);
  }

  scheduleRefresh(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.refresh(), REFRESH_MS);
  }

  private async fetch(limit: number, cursor: string | null, append: boolean, fresh = false): Promise<void> {
    const query = toQuery($state.snapshot(this.filters), limit, cursor);
    const ticket = this.latest.next();
    this.loading = true;
    try {
      if (this.view === 'runs') {
        const page = await backend.searchRunPage(query);
        if (!this.latest.isCurrent(ticket)) return;
        this.runs = append ? [...this.runs, ...page.runs] : page.runs;
        this.cursor = page.next_cursor;
      } else {
        const page = await backend.searchClips(query);
        if (!this.latest.isCurrent(ticket)) return;
        this.clips = append ? [...this.clips, ...page.clips] : page.clips;
        this.cursor = page.next_cursor;
      }
      if (fresh) this.generation += 1;
      this.error = null;
    } catch (e) {
      if (this.latest.isCurrent(ticket)) this.error = e as IpcError;
    } finally {
      if (this.latest.isCurrent(ticket)) {
        this.loading = false;
        this.loaded = true;
      }
    }
  }
}
