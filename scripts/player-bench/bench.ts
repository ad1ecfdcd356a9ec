import { GroupClock } from '../../ui/src/features/run/groupClock';
import { bindVideo } from '../../ui/src/features/run/videoBinding';
import { SyncMeter } from '../../ui/src/features/run/syncMeasure';

const clock = new GroupClock();
const meter = new SyncMeter();
const videos: HTMLVideoElement[] = [];
const bindings: ReturnType<typeof bindVideo>[] = [];
const grid = document.getElementById('grid')!;
const n = Number(new URLSearchParams(location.search).get('n') ?? 4);
for (let i = 0; i < n; i++) {
  const v = document.createElement('video');
  v.muted = true; v.playsInline = true; v.preload = 'auto';
  v.src = `c${i % 4}.mp4`;
  v.width = 560; v.height = 315;
  grid.appendChild(v);
  videos.push(v);
  bindings.push(bindVideo(clock, `c${i}`, v, () => performance.now()));
  clock.add(`c${i}`, v, 24, performance.now());
}
const loop = () => { clock.tick(performance.now()); requestAnimationFrame(loop); };
requestAnimationFrame(loop);

const canvas = document.createElement('canvas');
canvas.width = 960; canvas.height = 120;
const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
function displayedFrame(v: HTMLVideoElement): number {
  ctx.drawImage(v, 0, 0, 960, 120, 0, 0, 960, 120);
  let f = 0;
  for (let k = 0; k < 8; k++) {
    const p = ctx.getImageData(k * 120 + 60, 60, 1, 1).data;
    if (p[0] > 128) f |= 1 << k;
  }
  return f;
}
(window as any).bench = {
  sample() {
    const now = performance.now();
    const r = meter.read(clock, now);
    const times = videos.map((v) => v.currentTime);
    return { t: clock.position(now), times, state: clock.state(), ready: videos.map((v) => v.readyState),
      seeks: clock.all().map((m) => m.seeks), corrections: clock.all().map((m) => m.corrections),
      bufferings: clock.bufferings, spreadMs: r.spreadMs, paint: bindings.map((b) => b.lastPaint()) };
  },
  frames: () => videos.map(displayedFrame),
  expected: () => clock.frame(performance.now()),
  step: (k: number) => clock.step(k, performance.now()),
  pause: () => clock.pause(performance.now()),
  play: () => clock.play(performance.now()),
  settled: () => clock.state() !== 'buffering' && clock.all().every((m) => !m.busy(performance.now())),
};
