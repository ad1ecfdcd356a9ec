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

/** "Run 2 models · est. $2.10"; without an estimate just "Run 2 models". */
export function runButtonLabel(modelCount: number, estimateUsd: number | null): string {
  const models = modelCount === 1 ? '1 model' : `${modelCount} models`;
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
 * The tile's cost: the charge once delivered, the estimate while running. A charge the
 * provider reported is shown next to the estimate so a mispriced catalog entry stands out.
 */
export function clipCostLabel(clip: ClipView): string {
  if (clip.billed_cost_usd != null) return `${formatUsd(clip.billed_cost_usd)} billed · est. ${formatUsd(clip.estimated_cost_usd)}`;
  if (clip.cost_usd != null) return formatUsd(clip.cost_usd);
  if (clip.status === 'unknown') return `est. ${formatUsd(clip.estimated_cost_usd)} · may be charged`;
  if (isTerminal(clip.status)) return 'nothing delivered';
  return `est. ${formatUsd(clip.estimated_cost_usd)}`;
}

/** What a run has cost so far (delivered clips) and what is still only estimated. */
export function runCost(clips: ClipView[]): { spent: number; pending: number } {
  const spent = sumUsd(clips.map((c) => c.billed_cost_usd ?? c.cost_usd ?? 0));
  const pending = sumUsd(clips.filter((c) => !isTerminal(c.status)).map((c) => c.estimated_cost_usd));
  return { spent, pending };
}
