// A 2D context whose every method does nothing, for tests that mount uPlot charts: they
// check data and mounting, never pixels. jsdom's own getContext answers `null`, which the
// image-crop code relies on elsewhere, so this is installed only around chart tests.
import { afterAll, beforeAll } from 'vitest';

export function useInertCanvas() {
  const original = HTMLCanvasElement.prototype.getContext;
  const context = new Proxy({} as Record<string | symbol, unknown>, {
    get: (target, key) => (key in target ? target[key] : key === 'measureText' ? () => ({ width: 0 }) : () => {}),
    set: (target, key, value) => ((target[key] = value), true),
  });
  beforeAll(() => {
    Object.defineProperty(HTMLCanvasElement.prototype, 'getContext', { configurable: true, value: () => context });
  });
  afterAll(() => {
    Object.defineProperty(HTMLCanvasElement.prototype, 'getContext', { configurable: true, value: original });
  });
}
