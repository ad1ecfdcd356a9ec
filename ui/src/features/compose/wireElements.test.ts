import { describe, expect, it } from 'vitest';
import { imagesLabel, wireElements } from './wireElements';

// The text the core's preview gives Kling O3's `elements` (engine/preview.rs, elements_tests.rs).
const KLING = JSON.stringify([
  { frontal_image_url: '<upload: mara-front.png>', reference_image_urls: ['<upload: mara-side.png>', '<upload: mara-back.png>'] },
  { frontal_image_url: '<upload: lamp.png>' },
]);

describe('wireElements', () => {
  it('reads each element by position with its images, naming it from the request', () => {
    const sent = [{ name: 'Mara', frontal_image: '/in/mara-front.png', reference_images: [] }, { frontal_image: '/in/lamp.png', reference_images: [] }];
    expect(wireElements(KLING, sent)).toEqual([
      { label: '@Element1', name: 'Mara', files: ['mara-front.png', 'mara-side.png', 'mara-back.png'] },
      { label: '@Element2', name: null, files: ['lamp.png'] },
    ]);
    expect(wireElements(KLING)?.map((e) => e.name)).toEqual([null, null]);
  });

  it('leaves anything that is not an elements list alone', () => {
    for (const text of ['5', 'true', 'a lighthouse', '[]', '[{"prompt":"a","duration":"5"}]', '{"frontal_image_url":"x"}', '[{"frontal_image_url":3}]']) {
      expect(wireElements(text), text).toBeNull();
    }
  });

  it('counts images in words', () => {
    expect(imagesLabel(['a.png'])).toBe('1 image (a.png)');
    expect(imagesLabel(['a.png', 'b.png'])).toBe('2 images (a.png, b.png)');
  });
});
