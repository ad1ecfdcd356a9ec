import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GroupClock } from './groupClock';
import { bindVideo } from './videoBinding';

function fakeClock() {
  return { landed: vi.fn(), event: vi.fn() };
}

/** A <video> stand-in; `frameCallback` makes it offer requestVideoFrameCallback. */
function fakeVideo(frameCallback: boolean) {
  const video = new EventTarget() as EventTarget & { requestVideoFrameCallback?: (cb: () => void) => number; paint(): void };
  const pending: (() => void)[] = [];
  if (frameCallback) video.requestVideoFrameCallback = (cb) => pending.push(cb);
  video.paint = () => pending.splice(0).forEach((cb) => cb());
  return video;
}

function bind(frameCallback: boolean) {
  const clock = fakeClock();
  const video = fakeVideo(frameCallback);
  const binding = bindVideo(clock as unknown as GroupClock, 'c', video as unknown as HTMLVideoElement, () => 0);
  return { clock, video, binding };
}

const fire = (target: EventTarget, type: string) => target.dispatchEvent(new Event(type));

afterEach(() => vi.useRealTimers());

describe('bindVideo', () => {
  it('counts a seek as landed only after seeked and a painted frame callback', () => {
    const { clock, video, binding } = bind(true);
    fire(video, 'seeking');
    fire(video, 'seeked');
    expect(clock.landed).not.toHaveBeenCalled();
    video.paint();
    expect(clock.landed).toHaveBeenCalledTimes(1);
    expect(binding.lastPaint()).toBe('frame-callback');
  });

  it('accepts a frame painted before seeked is dispatched', () => {
    const { clock, video } = bind(true);
    fire(video, 'seeking');
    video.paint();
    expect(clock.landed).not.toHaveBeenCalled();
    fire(video, 'seeked');
    expect(clock.landed).toHaveBeenCalledTimes(1);
  });

  it('without a frame callback waits for seeked plus one animation frame', () => {
    vi.useFakeTimers();
    const { clock, video, binding } = bind(false);
    fire(video, 'seeking');
    fire(video, 'seeked');
    expect(clock.landed).not.toHaveBeenCalled();
    vi.advanceTimersByTime(50);
    expect(clock.landed).toHaveBeenCalledTimes(1);
    expect(binding.lastPaint()).toBe('animation-frame');
  });

  it('does not hang when the frame callback never comes (paused video after a seek)', () => {
    vi.useFakeTimers();
    const { clock, video, binding } = bind(true);
    fire(video, 'seeking');
    fire(video, 'seeked');
    vi.advanceTimersByTime(400);
    expect(clock.landed).toHaveBeenCalledTimes(1);
    expect(binding.lastPaint()).toBe('timeout');
  });

  it('ignores the paint of a seek that a newer seek replaced', () => {
    const { clock, video } = bind(true);
    fire(video, 'seeking');
    fire(video, 'seeking');
    fire(video, 'seeked');
    video.paint();
    expect(clock.landed).toHaveBeenCalledTimes(1);
  });

  it('forwards waiting and playing to the clock, and stops on unbind', () => {
    const { clock, video, binding } = bind(false);
    fire(video, 'waiting');
    expect(clock.event).toHaveBeenCalledWith('c', 'waiting', 0);
    binding.unbind();
    fire(video, 'playing');
    expect(clock.event).toHaveBeenCalledTimes(1);
  });
});
