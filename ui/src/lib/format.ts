// Pure formatting for money, time and clip facts. Kept here so tiles, the picker and the
// history all say things the same way.
import type { ClipView, Latency } from '../ipc/bindings.gen';

/** "$0.84", "$12.30". Sub-cent positive amounts keep a third decimal so they never read "$0.00". */
export function formatUsd(usd: number): string {
  if (usd > 0 && usd < 0.01) return `$${usd.toFixed(3)}`;
  return `$${usd.toFixed(2)}`;
}

/** "$0.168/s", "$0.10/s": up to three decimals, never fewer than two. */
export function formatUsdPerSecond(usd: number): string {
  const fixed = usd.toFixed(3);
  const trimmed = fixed.endsWith('0') ? usd.toFixed(2) : fixed;
  return `$${trimmed}/s`;
}

/** A measured span in milliseconds: "58.2 s", or "2 m 05 s" once it is long. */
export function formatSeconds(ms: number): string {
  const s = ms / 1000;
  if (s < 100) return `${s.toFixed(1)} s`;
  const whole = Math.round(s);
  return `${Math.floor(whole / 60)} m ${String(whole % 60).padStart(2, '0')} s`;
}

/** A ticking clock: "0:07", "1:23", "12:01". */
export function formatElapsed(ms: number): string {
  const whole = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/** "58.2 s · queue 12.1 s · gen 44.0 s · dl 2.1 s", only the phases that are known. */
export function formatLatency(latency: Latency): string {
  const parts: string[] = [];
  if (latency.total != null) parts.push(formatSeconds(latency.total));
  if (latency.queued != null) parts.push(`queue ${formatSeconds(latency.queued)}`);
  if (latency.generating != null) parts.push(`gen ${formatSeconds(latency.generating)}`);
  if (latency.downloading != null) parts.push(`dl ${formatSeconds(latency.downloading)}`);
  return parts.join(' · ');
}

/** What the probed file is: "1920×1080 · 5.0 s · audio"; empty before the file exists. */
export function formatProbe(clip: Pick<ClipView, 'width' | 'height' | 'duration_s' | 'has_audio'>): string {
  const parts: string[] = [];
  if (clip.width != null && clip.height != null) parts.push(`${clip.width}×${clip.height}`);
  if (clip.duration_s != null) parts.push(`${clip.duration_s.toFixed(1)} s`);
  if (clip.has_audio != null) parts.push(clip.has_audio ? 'audio' : 'silent');
  return parts.join(' · ');
}

/** "just now", "4 min ago", "3 h ago", "yesterday", then a short date. */
export function formatRelativeTime(iso: string, now: number = Date.now()): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '';
  const minutes = Math.floor((now - then) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  if (hours < 48) return 'yesterday';
  return new Date(then).toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
}

/** Cuts at a word boundary and adds an ellipsis. */
export function excerpt(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
