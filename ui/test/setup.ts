import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/svelte';
import { afterEach } from 'vitest';

// findBy*/waitFor give up after 1 s by default; on a loaded 2-core machine an image import or
// a first render can take longer than that without anything being wrong.
configure({ asyncUtilTimeout: 5000 });

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

// jsdom's Blob has no arrayBuffer() and its URL no createObjectURL(); the webview has both.
// Read through FileReader, and hand out recognisable fake object URLs.
if (!Blob.prototype.arrayBuffer) {
  Object.defineProperty(Blob.prototype, 'arrayBuffer', {
    configurable: true,
    value(this: Blob) {
      return new Promise<ArrayBuffer>((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(reader.result as ArrayBuffer);
        reader.onerror = () => reject(reader.error);
        reader.readAsArrayBuffer(this);
      });
    },
  });
}
if (!URL.createObjectURL) {
  let next = 0;
  URL.createObjectURL = (blob: Blob) => `blob:fake/${++next}-${blob instanceof File ? blob.name : 'blob'}`;
  URL.revokeObjectURL = () => {};
}

// jsdom lays nothing out, so element sizes stay 0 and Svelte's size bindings only need the
// observer to exist; components fall back to their unmeasured layout.
if (!('ResizeObserver' in globalThis)) {
  globalThis.ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}

// uPlot (the Stats view's charts) asks matchMedia for the pixel ratio when it loads and
// fills Path2D objects; jsdom has neither. Its 2D context is stubbed per test
// (`test/inertCanvas.ts`), since other code relies on jsdom answering `null`.
if (!window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({ matches: false, media: query, onchange: null, addEventListener() {}, removeEventListener() {}, addListener() {}, removeListener() {}, dispatchEvent: () => false }) as MediaQueryList;
}
if (!('Path2D' in globalThis)) {
  globalThis.Path2D = class {
    addPath() {}
    closePath() {}
    moveTo() {}
    lineTo() {}
    bezierCurveTo() {}
    quadraticCurveTo() {}
    arc() {}
    arcTo() {}
    ellipse() {}
    rect() {}
    roundRect() {}
  } as unknown as typeof Path2D;
}
