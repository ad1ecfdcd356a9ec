import { describe, expect, it } from 'vitest';
import { frameAt, frameCentre, lastFrame, snapToFrame, timecode, usableFps } from './frameGrid';

describe('frame grid', () => {
  it('maps times to the frame they show and back to frame centres', () => {
    expect(frameAt(0, 12)).toBe(0);
    expect(frameAt(1 / 12, 12)).toBe(1); // exactly on an edge: the new frame
    expect(frameAt(frameCentre(7, 24), 24)).toBe(7);
    expect(frameCentre(0, 12)).toBeCloseTo(0.5 / 12, 12);
  });

  it('knows the last whole frame of a clip', () => {
    expect(lastFrame(5, 12)).toBe(59);
    expect(lastFrame(5.01, 12)).toBe(60);
  });

  it('snaps a 12 fps clip to its own frame centre for an instant on a 24 fps grid', () => {
    expect(snapToFrame(frameCentre(3, 24), 12, 5)).toBeCloseTo(frameCentre(1, 12), 12);
    expect(snapToFrame(99, 12, 5)).toBeCloseTo(frameCentre(59, 12), 12);
  });

  it('prints HH:MM:SS:FF timecode', () => {
    expect(timecode(0, 24)).toBe('00:00:00:00');
    expect(timecode(25, 24)).toBe('00:00:01:01');
    expect(timecode(3600 * 12 + 11, 12)).toBe('01:00:00:11');
    expect(timecode(30, 29.97)).toBe('00:00:01:00');
  });

  it('falls back only when the file did not say', () => {
    expect(usableFps(12)).toBe(12);
    expect(usableFps(null)).toBe(24);
    expect(usableFps(0)).toBe(24);
  });
});
