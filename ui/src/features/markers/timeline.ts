// What the transport's timeline draws for each marker: where (seconds) and what it says.

import type { ClipView, TimeNote } from '../../ipc/bindings.gen';
import { momentLabel } from './markersStore.svelte';

export interface TimelineMarker {
  id: number;
  /** Seconds from the start, the transport's unit. */
  at: number;
  label: string;
}

/** One marker per note of a clip still on stage, labelled with its take's model. */
export function timelineMarkers(notes: TimeNote[], clips: ClipView[]): TimelineMarker[] {
  return notes.flatMap((note) => {
    const clip = clips.find((c) => c.id === note.clip_id);
    if (!clip) return [];
    const take = clips.filter((c) => c.model === clip.model && c.route === clip.route).length > 1 ? ` take ${clip.take}` : '';
    return [{ id: note.id, at: note.at_ms / 1000, label: `${momentLabel(note.at_ms)} ${clip.model_name}${take}: ${note.text}` }];
  });
}
