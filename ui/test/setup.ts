import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/svelte';
import { afterEach } from 'vitest';

// jsdom has no media pipeline: play() and pause() throw "not implemented". Stub them so
// tiles and the playback sync can be exercised.
Object.defineProperty(HTMLMediaElement.prototype, 'play', {
  configurable: true,
  value() {
    Object.defineProperty(this, 'paused', { configurable: true, value: false });
    return Promise.resolve();
  },
});
Object.defineProperty(HTMLMediaElement.prototype, 'pause', {
  configurable: true,
  value() {
    Object.defineProperty(this, 'paused', { configurable: true, value: true });
  },
});

afterEach(() => cleanup());
