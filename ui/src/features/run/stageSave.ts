// Saving frames off the stage: finds the takes' <video> elements under the stage and hands
// them to framePng.ts with names a reviewer can file.

import type { ClipView } from '../../ipc/bindings.gen';
import { contactSheet, downloadPng, frameCanvas, frameFileName } from './framePng';

const label = (clip: ClipView) => `${clip.model_name} @ ${clip.route}`;

function videoOf(stage: HTMLElement, clipId: string): HTMLVideoElement | null {
  return stage.querySelector<HTMLVideoElement>(`video[data-clip-video="${CSS.escape(clipId)}"]`);
}

/** Saves take `clipId`'s current frame; resolves to an error sentence, or null when saved. */
export async function saveFrame(stage: HTMLElement, clip: ClipView, frame: number): Promise<string | null> {
  const video = videoOf(stage, clip.id);
  if (!video || video.readyState < 2) return 'That take has no frame on screen yet.';
  return attempt(() => downloadPng(frameCanvas(video), frameFileName(`${clip.model}@${clip.route}`, frame)));
}

/** Saves every take on the stage, labelled, as one contact sheet. */
export async function saveSheet(stage: HTMLElement, runId: string, clips: ClipView[], frame: number, aspect: number): Promise<string | null> {
  const tiles = clips.flatMap((clip) => {
    const video = videoOf(stage, clip.id);
    return video && video.readyState >= 2 ? [{ video, label: label(clip) }] : [];
  });
  if (tiles.length === 0) return 'No take has a frame on screen yet.';
  return attempt(() => downloadPng(contactSheet(tiles, aspect), frameFileName(`${runId}_sheet`, frame)));
}

async function attempt(save: () => Promise<void>): Promise<string | null> {
  try {
    await save();
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}
