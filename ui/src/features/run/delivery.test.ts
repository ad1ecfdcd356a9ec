import { describe, expect, it } from 'vitest';
import { makeClip } from '../../../test/fixtures';
import { aspectValue, deliveryMismatches, shortSide } from './delivery';

// Asked (resolved): 5 s, 16:9, 1080p, with audio.
const delivered = (probe: Partial<Parameters<typeof makeClip>[0]>) =>
  deliveryMismatches(makeClip({ status: 'succeeded', width: 1920, height: 1080, duration_s: 5.04, has_audio: true, ...probe }));

describe('delivery mismatches', () => {
  it('reads resolution words as the catalog does: the short side', () => {
    expect([shortSide('720p'), shortSide('1024p'), shortSide('4k'), shortSide('auto')]).toEqual([720, 1024, 2160, null]);
    expect(aspectValue('9:16')).toBeCloseTo(0.5625);
    expect(aspectValue('auto')).toBeNull();
  });

  it('finds nothing when the file is what was asked, within encoder rounding', () => {
    expect(delivered({})).toEqual([]);
    expect(delivered({ width: 1920, height: 1088, duration_s: 5.45 })).toEqual([]);
    expect(deliveryMismatches(makeClip({ status: 'succeeded', resolved: { ...makeClip().resolved, resolution: '720p', aspect: '9:16' }, width: 704, height: 1248, duration_s: 5, has_audio: true }))).toEqual([]);
  });

  it('names a smaller or reshaped frame, a wrong length and missing or extra audio', () => {
    expect(delivered({ width: 1280, height: 720 })).toEqual([{ param: 'size', message: 'asked 1080p 16:9 → got 1280×720' }]);
    expect(delivered({ width: 1080, height: 1920 }).map((m) => m.param)).toEqual(['size']); // portrait for landscape
    expect(delivered({ duration_s: 10.1 })).toEqual([{ param: 'duration', message: 'asked 5 s → got 10.1 s' }]);
    // An extension asked for 5 s more: the addition alone or stitched after its source are both
    // fine (UNCONFIRMED per route), a file shorter than the addition is not.
    expect(delivered({ continues: 'extend', duration_s: 13.1 })).toEqual([]);
    expect(delivered({ continues: 'extend', duration_s: 3 })).toEqual([{ param: 'duration', message: 'asked 5 s → got 3.0 s' }]);
    expect(delivered({ has_audio: false })).toEqual([{ param: 'audio', message: 'asked audio → got none' }]);
    const silentAsked = makeClip({ status: 'succeeded', resolved: { ...makeClip().resolved, audio: false }, has_audio: true });
    expect(deliveryMismatches(silentAsked)).toEqual([{ param: 'audio', message: 'asked silent → got audio' }]);
  });

  it('says nothing before the file is probed or for a clip that did not succeed', () => {
    expect(deliveryMismatches(makeClip({ status: 'succeeded' }))).toEqual([]);
    expect(deliveryMismatches(makeClip({ status: 'failed', width: 640, height: 360, duration_s: 1, has_audio: false }))).toEqual([]);
  });
});
