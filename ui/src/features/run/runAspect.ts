// A run's frame shape as a number (width / height): what it asked for, else what the first
// clip resolved to, else 16:9.

import type { RunView } from '../../ipc/bindings.gen';

export function aspectLabel(run: RunView | null | undefined): string {
  return run?.params.aspect ?? run?.clips[0]?.resolved.aspect ?? '16:9';
}

export function ratioOf(aspect: string): number {
  const [w, h] = aspect.split(':').map(Number);
  return w > 0 && h > 0 ? w / h : 16 / 9;
}

export function aspectRatio(run: RunView | null | undefined): number {
  return ratioOf(aspectLabel(run));
}
