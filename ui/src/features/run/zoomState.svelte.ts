// The shared zoom of a player: one view every tile shows (see zoomPan.ts), changed by the
// wheel and drags on any tile and by the Z / Shift+Z / + / − keys.

import { clampView, FIT, oneToOneScale, panBy, zoomAt, type View } from './zoomPan';

/** One + / − press zooms by this much, about the tile centre. */
const KEY_STEP = 1.25;

export class ZoomState {
  view = $state<View>({ ...FIT });
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- element bookkeeping nothing renders
  private surfaces = new Set<HTMLElement>();

  /** A tile surface joins (for 1:1, which depends on the tile's size); returns its removal. */
  attach(surface: HTMLElement): () => void {
    this.surfaces.add(surface);
    return () => this.surfaces.delete(surface);
  }

  fit(): void {
    this.view = { ...FIT };
  }

  /** One video pixel per screen pixel on the largest tile, about the current centre. */
  actual(): void {
    let scale = 1;
    let largest = 0;
    for (const surface of this.surfaces) {
      const video = surface.querySelector('video');
      const area = surface.clientWidth * surface.clientHeight;
      if (!video || area <= largest) continue;
      largest = area;
      scale = oneToOneScale(video.videoWidth, video.videoHeight, surface.clientWidth, surface.clientHeight);
    }
    this.view = clampView({ ...this.view, scale });
  }

  zoomAt(factor: number, u = 0.5, w = 0.5): void {
    this.view = zoomAt(this.view, factor, u, w);
  }

  step(direction: 1 | -1): void {
    this.zoomAt(direction > 0 ? KEY_STEP : 1 / KEY_STEP);
  }

  pan(dx: number, dy: number): void {
    this.view = panBy(this.view, dx, dy);
  }
}

/** Context key under which a player provides its ZoomState to its tiles. */
export const ZOOM_CONTEXT = Symbol('player-zoom');
