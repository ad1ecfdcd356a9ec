// J/K/L shuttle: K stops, L goes forward (faster each press), J goes back (faster each press);
// pressing against the current direction slows down first, through a stop, then turns.

/** Speeds of the ladder, slowest first; reverse uses the same magnitudes. */
export const SHUTTLE_SPEEDS = [0.25, 0.5, 1, 2, 4] as const;

export type ShuttleKey = 'j' | 'k' | 'l';

/** The next shuttle rate (negative: reverse, 0: stopped) after pressing `key` at `rate`. */
export function shuttleRate(rate: number, key: ShuttleKey): number {
  if (key === 'k') return 0;
  const direction = key === 'l' ? 1 : -1;
  if (rate === 0) return direction; // from a stop: normal speed in that direction
  const speed = Math.abs(rate);
  const index = nearestIndex(speed);
  if (Math.sign(rate) === direction) return direction * SHUTTLE_SPEEDS[Math.min(index + 1, SHUTTLE_SPEEDS.length - 1)];
  // Against the motion: slower, and from the slowest speed to a stop.
  return index === 0 ? 0 : Math.sign(rate) * SHUTTLE_SPEEDS[index - 1];
}

function nearestIndex(speed: number): number {
  let best = 0;
  SHUTTLE_SPEEDS.forEach((s, i) => {
    if (Math.abs(s - speed) < Math.abs(SHUTTLE_SPEEDS[best] - speed)) best = i;
  });
  return best;
}

/** How the transport shows a shuttle rate: "◀ 2×", "▶ 0.5×", "stopped". */
export function shuttleLabel(rate: number): string {
  if (rate === 0) return 'stopped';
  return `${rate < 0 ? '◀' : '▶'} ${Math.abs(rate)}×`;
}
