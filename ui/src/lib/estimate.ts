// Estimate maths and run-button wording. The numbers themselves come from plan_run;
// this only adds, looks up and words them.
import type { ClipView, PlannedClip, RunPlan } from '../ipc/bindings.gen';
import { formatUsd } from './format';
import { isTerminal } from './status';

/** Per-model estimates keyed by `model@route`, the picker's row key. */
export function estimatesByKey(plan: RunPlan | null): Map<string, PlannedClip> {
  return new Map((plan?.clips ?? []).map((c) => [`${c.model}@${c.route}`, c]));
}

/** Sums to a tenth of a cent, the precision prices are kept at. */
export function sumUsd(values: number[]): number {
  return Math.round(values.reduce((sum, v) => sum + v, 0) * 1000) / 1000;
}

/** "Run 2 models · est. $2.10" ("Run 2 models × 3 takes · …" with takes); without an estimate just "Run 2 models". */
export function runButtonLabel(modelCount: number, estimateUsd: number | null, takes = 1): string {
  const models = (modelCount === 1 ? '1 model' : `${modelCount} models`) + (takes > 1 ? ` × ${takes} takes` : '');
  if (modelCount === 0) return 'Run';
  return estimateUsd == null ? `Run ${models}` : `Run ${models} · est. ${formatUsd(estimateUsd)}`;
}

/** Why Run is disabled, in words; null when it can run. */
export function runBlocker(input: {
  prompt: string;
  selectedCount: number;
  planError: string | null;
  starting: boolean;
  shotWithoutPrompt?: boolean;
  /** "Runway Gen-4 Turbo needs a start image" (see startImageBlocker). */
  needsStartImage?: string | null;
}): string | null {
  if (input.starting) return 'Starting…';
  if (!input.prompt.trim()) return 'Write a prompt to run.';
  if (input.selectedCount === 0) return 'Pick at least one model.';
  if (input.needsStartImage) return `${input.needsStartImage}.`;
  if (input.shotWithoutPrompt) return 'Give every shot a prompt.';
  if (input.planError) return 'Fix the problem above to run.';
  return null;
}

/**
 * The tile's cost, always with its kind: a charge the provider reported ("billed", shown
 * next to the estimate so a mispriced catalog entry stands out), or the catalog estimate
 * ("est.") for a route that reports none, a clip still running, or one that may be charged.
 */
export function clipCostLabel(clip: ClipView): string {
  if (clip.cost_usd != null && clip.cost_kind === 'billed') return `${formatUsd(clip.cost_usd)} billed · est. ${formatUsd(clip.estimated_cost_usd)}`;
  if (clip.cost_usd != null) return `est. ${formatUsd(clip.cost_usd)}`;
  if (clip.status === 'unknown') return `est. ${formatUsd(clip.estimated_cost_usd)} · may be charged`;
  if (isTerminal(clip.status)) return 'nothing delivered';
  return `est. ${formatUsd(clip.estimated_cost_usd)}`;
}

/**
 * What a run has cost so far (delivered clips), how much of that providers billed, and
 * what is still running (only estimated).
 */
export function runCost(clips: ClipView[]): { spent: number; billed: number; pending: number } {
  const spent = sumUsd(clips.map((c) => c.cost_usd ?? 0));
  const billed = sumUsd(clips.map((c) => (c.cost_kind === 'billed' ? (c.cost_usd ?? 0) : 0)));
  const pending = sumUsd(clips.filter((c) => !isTerminal(c.status)).map((c) => c.estimated_cost_usd));
  return { spent, billed, pending };
}

/** "billed", "est." or "62 % billed" for the billed part of a cost; null when there is no cost. */
export function billedShareLabel(share: number | null): string | null {
  if (share == null) return null;
  if (share >= 1) return 'billed';
  if (share <= 0) return 'est.';
  return `${Math.round(share * 100)} % billed`;
}

/** A total that says how much of it is billed: "$1.20 billed", "est. $1.20", "$1.20 · 62 % billed". */
export function costTotalLabel(billed: number, total: number): string {
  const label = billedShareLabel(total > 0 ? billed / total : null);
  if (label === 'est.') return `est. ${formatUsd(total)}`;
  if (label === 'billed') return `${formatUsd(total)} billed`;
  return label ? `${formatUsd(total)} · ${label}` : formatUsd(total);
}
