import type { ClipStatus } from '../ipc/bindings.gen';

const TERMINAL: ReadonlySet<ClipStatus> = new Set(['succeeded', 'failed', 'canceled', 'unknown']);

export const isTerminal = (status: ClipStatus) => TERMINAL.has(status);

/**
 * How far along a clip is. Snapshots can arrive out of order relative to a RunView
 * fetched at the same moment, and a clip never moves backwards, so the later stage wins.
 */
export function statusRank(status: ClipStatus): number {
  switch (status) {
    case 'pending':
      return 0;
    case 'submitting':
      return 1;
    case 'queued':
      return 2;
    case 'generating':
      return 3;
    case 'downloading':
      return 4;
    default:
      return 5;
  }
}

/** Short words for a status, used in tiles and the history list. */
export const STATUS_LABEL: Record<ClipStatus, string> = {
  pending: 'waiting',
  submitting: 'sending…',
  queued: 'queued',
  generating: 'generating',
  downloading: 'downloading',
  succeeded: 'done',
  failed: 'failed',
  canceled: 'canceled',
  unknown: 'unknown',
};
