// What a waiting, queued or generating tile says about when it should be done, from the
// core's ETA (p50/p90 of this model@route's own history, or the catalog's usual time).
import type { Eta } from '../../ipc/bindings.gen';

/** A short countdown span: "38 s" under a minute, then "1:10", "12:05". */
export function formatCountdown(ms: number): string {
  const whole = Math.max(0, Math.round(ms / 1000));
  if (whole < 60) return `${whole} s`;
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

export type EtaPhase = 'not-sent' | 'early' | 'due' | 'overdue';

export interface EtaLine {
  phase: EtaPhase;
  /** "~38 s left · p90 1:10", "due now · p90 in 12 s", "over p90 by 12 s", "~47 s once sent". */
  text: string;
  /** "from catalog" when the figures are the catalog's prior, not this library's history. */
  source: string | null;
  /** Hover text: what the figures are made from. */
  detail: string;
}

/**
 * The line for an ETA at `now` (unix ms). Before p50 it counts down to it with the p90 as
 * the honest upper bound; between p50 and p90 it says the end is due; past p90 it says by
 * how much it is over, instead of a countdown stuck at zero.
 */
export function etaLine(eta: Eta, now: number): EtaLine {
  const source = eta.source === 'catalog' ? 'from catalog' : null;
  const detail =
    eta.source === 'catalog'
      ? `The catalog's usual time for this route: no clip of this model has finished here yet. Typical ${formatCountdown(eta.total_p50_ms)}, 1 in 10 slower than ${formatCountdown(eta.total_p90_ms)}.`
      : `From the last ${eta.samples} finished clip${eta.samples === 1 ? '' : 's'} of this model here: p50 ${formatCountdown(eta.total_p50_ms)} (queue ${formatCountdown(eta.queue_p50_ms)}, generating ${formatCountdown(eta.generate_p50_ms)}), p90 ${formatCountdown(eta.total_p90_ms)}.`;
  if (eta.end_p50_ms == null || eta.end_p90_ms == null) {
    return { phase: 'not-sent', text: `~${formatCountdown(eta.total_p50_ms)} once sent · p90 ${formatCountdown(eta.total_p90_ms)}`, source, detail };
  }
  if (now >= eta.end_p90_ms) {
    return { phase: 'overdue', text: `over p90 by ${formatCountdown(now - eta.end_p90_ms)}`, source, detail };
  }
  if (now >= eta.end_p50_ms) {
    return { phase: 'due', text: `due now · p90 in ${formatCountdown(eta.end_p90_ms - now)}`, source, detail };
  }
  const text = `~${formatCountdown(eta.end_p50_ms - now)} left · p90 ${formatCountdown(eta.end_p90_ms - now)}`;
  return { phase: 'early', text, source, detail };
}
