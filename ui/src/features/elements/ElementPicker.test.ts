// The composer's element picker against the fake backend (its library and the core's
// element rules, mirrored in fakeElements.ts): add an element from files, pick it as
// @Element1, see which models send it and which get a note, and the estimate move to the
// elements price where the route has one.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { useBackend } from '../../ipc/backend';
import { createFakeBackend } from '../../ipc/fake';
import { imageFile, pngBytes } from '../../../test/images';
import ComposePanel from '../compose/ComposePanel.svelte';
import { ComposeStore } from '../compose/composeStore.svelte';
import { CatalogStore } from '../picker/catalogStore.svelte';

async function setup() {
  useBackend(createFakeBackend());
  const catalog = new CatalogStore();
  await catalog.load();
  const compose = new ComposeStore(catalog);
  render(ComposePanel, { compose, catalog, demo: true, onrun: () => {} });
  return { compose };
}

const tick = (key: string) => fireEvent.click(document.querySelector(`[data-model="${key}"]`)!);
const files = (label: string, list: File[]) => fireEvent.change(screen.getByLabelText(label), { target: { files: list } });
const runButton = () => screen.getByRole('button', { name: /^Run/ });

async function addMara() {
  await fireEvent.click(screen.getByText('New element'));
  await fireEvent.input(screen.getByLabelText('Element name'), { target: { value: 'Mara' } });
  await files('Frontal image', [imageFile('front.png', pngBytes(400, 600))]);
  await files('Other views', [imageFile('side.png', pngBytes(400, 600)), imageFile('back.png', pngBytes(400, 600))]);
  await fireEvent.click(screen.getByRole('button', { name: 'Add to library' }));
}

describe('ElementPicker', () => {
  it('adds an element to the library, picks it as @Element1 and says who uses it', async () => {
    const { compose } = await setup();
    await fireEvent.input(screen.getByLabelText('Prompt'), { target: { value: '@Element1 lights a lantern' } });
    await tick('kling-o3-pro@fal');
    await tick('veo-3.1@fal');
    await addMara();
    const chip = await screen.findByRole('button', { name: /Mara/, pressed: true });
    expect(chip).toHaveTextContent('@Element1');
    expect(compose.request.params.elements).toEqual([
      { name: 'Mara', frontal_image: expect.stringMatching(/frontal\.png$/), reference_images: [expect.any(String), expect.any(String)] },
    ]);
    const uses = await screen.findByTestId('element-uses');
    await waitFor(() => expect(uses).toHaveTextContent('Sends the elements: Kling O3 Pro (fal)'));
    expect(within(uses).getByText(/Veo 3.1 \(fal\)/).parentElement).toHaveTextContent('elements not supported');

    // Unpicked: nothing is attached and the uses disappear.
    await fireEvent.click(chip);
    expect(compose.request.params.elements).toBeUndefined();
    await waitFor(() => expect(screen.queryByTestId('element-uses')).not.toBeInTheDocument());
  });

  it("shows Kling O3's elements field readably in the request preview, the exact JSON folded away", async () => {
    await setup();
    await fireEvent.input(screen.getByLabelText('Prompt'), { target: { value: '@Element1 lights a lantern' } });
    await tick('kling-o3-pro@fal');
    await addMara();
    const card = () => document.querySelector<HTMLElement>('[data-receives="kling-o3-pro@fal"]')!;
    const shown = await waitFor(() => within(card()).getByTestId('wire-elements'));
    expect(within(shown).getByRole('listitem')).toHaveTextContent('@Element1Mara 3 images (frontal.png, ref1.png, ref2.png)');
    // The raw JSON is not among the plain fields; it sits, exact, behind "Exact JSON".
    expect(card().querySelector('.fields')).not.toHaveTextContent('frontal_image_url');
    const exact = within(shown).getByText('Exact JSON').closest('details')!;
    expect(exact.open).toBe(false);
    expect(JSON.parse(exact.querySelector('pre')!.textContent!)).toEqual([
      { frontal_image_url: '<upload: frontal.png>', reference_image_urls: ['<upload: ref1.png>', '<upload: ref2.png>'] },
    ]);
  });

  it('prices Kling 3.0 at the elements tier once a start image lets it take them', async () => {
    await setup();
    await fireEvent.input(screen.getByLabelText('Prompt'), { target: { value: '@Element1 lights a lantern' } });
    await tick('kling-3.0-pro@fal');
    await waitFor(() => expect(runButton()).toHaveTextContent('est. $0.84'));
    await addMara();
    // Without a start image Kling 3.0 says why it cannot take the element (and keeps its price).
    const uses = await screen.findByTestId('element-uses');
    await waitFor(() => expect(uses).toHaveTextContent('need a start image'));
    await files('Start image', [imageFile('frame.png', pngBytes(1280, 720))]);
    await waitFor(() => expect(uses).toHaveTextContent('Sends the elements: Kling 3.0 Pro (fal)'));
    // 5 s with audio at $0.336/s (fal's image-to-video page, the elements tier).
    await waitFor(() => expect(runButton()).toHaveTextContent('est. $1.68'));
  });

  it('refuses an element without views and a prompt naming a missing element, naming the field', async () => {
    const { compose } = await setup();
    await fireEvent.click(screen.getByText('New element'));
    await fireEvent.input(screen.getByLabelText('Element name'), { target: { value: 'Solo' } });
    await files('Frontal image', [imageFile('front.png', pngBytes(400, 600))]);
    expect(screen.getByRole('button', { name: 'Add to library' })).toBeDisabled();

    await addMara();
    await screen.findByRole('button', { name: /Mara/, pressed: true });
    await fireEvent.input(screen.getByLabelText('Prompt'), { target: { value: '@Element2 waves' } });
    await tick('kling-o3-pro@fal');
    await waitFor(() => expect(compose.planError?.field).toBe('element'));
    expect(compose.planError?.message).toContain('@Element2');
  });

  it('removes an element from the library', async () => {
    await setup();
    await addMara();
    await fireEvent.click(await screen.findByRole('button', { name: 'Remove Mara from the library' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: /Mara/ })).not.toBeInTheDocument());
  });
});
