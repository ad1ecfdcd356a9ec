import { describe, expect, it } from 'vitest';
import { pngBytes } from '../../test/images';
import { mp4Bytes } from '../../test/videos';
import { createFakeBackend } from './fake';
import { videoSeconds } from './fakeMotion';

async function prepared() {
  const fake = createFakeBackend();
  const still = await fake.importImage('still.png', pngBytes(1280, 720));
  const dance = await fake.importVideo('dance.mp4', mp4Bytes(7));
  return { fake, still: still.path, dance: dance.path };
}

describe('fake motion control', () => {
  it('reads a reference length from its movie header and refuses what is not a video', async () => {
    expect(videoSeconds(mp4Bytes(7.5))).toBe(7.5);
    expect(videoSeconds(pngBytes(10, 10))).toBeNull();
    const fake = createFakeBackend();
    await expect(fake.importVideo('notes.txt', new TextEncoder().encode('hello'))).rejects.toMatchObject({ field: 'motion-video' });
  });

  it('sends Kling the reference at the motion price and notes the models without it, like the core', async () => {
    const { fake, still, dance } = await prepared();
    const plan = await fake.planRun({
      params: { prompt: 'she dances', duration_s: 5, audio: false, start_image: still, motion: { video: dance, orientation: 'image' } },
      models: ['kling-3.0-pro@fal', 'veo-3.1@fal'],
      strict: false,
    });
    const [kling, veo] = plan.clips;
    expect(kling.endpoint).toBe('fal-ai/kling-video/v3/pro/motion-control');
    expect(kling.resolved).toMatchObject({ duration_s: 7, motion: { video: dance, orientation: 'image' } });
    expect(kling.estimated_cost_usd).toBeCloseTo(0.168 * 7, 9);
    expect(kling.parity.map((n) => n.message)).toContain('the clip follows the reference video: 7 s');
    expect(veo.resolved.motion ?? null).toBeNull();
    expect(veo.parity.map((n) => n.message).join(' ')).toContain('motion control not offered here');
  });

  it('refuses a reference too long for the orientation and a missing still, naming the field', async () => {
    const { fake, still } = await prepared();
    const long = await fake.importVideo('long.mp4', mp4Bytes(12));
    const ask = (params: object) => fake.planRun({ params: { prompt: 'x', ...params }, models: ['kling-3.0-standard@fal'], strict: false });
    await expect(ask({ start_image: still, motion: { video: long.path, orientation: 'image' } })).rejects.toMatchObject({
      field: 'motion-video',
      message: expect.stringContaining('3–10 s with orientation image'),
    });
    await expect(ask({ motion: { video: long.path } })).rejects.toMatchObject({ field: 'start-image' });
    await expect(ask({ start_image: still, motion: { video: long.path } })).resolves.toMatchObject({ clips: [{ resolved: { duration_s: 12 } }] });
  });
});
