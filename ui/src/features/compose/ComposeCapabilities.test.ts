// What the compose panel does with each selected route's RouteInfo: image-only models block
// Run until there is a start image, and the shots editor says where multi-shot is available.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { imageFile, pngBytes } from '../../../test/images';
import { useBackend } from '../../ipc/backend';
import { createFakeBackend, type FakeOptions } from '../../ipc/fake';
import { catalogWith } from '../../../test/catalogEdits';
import { CatalogStore } from '../picker/catalogStore.svelte';
import ComposePanel from './ComposePanel.svelte';
import { ComposeStore } from './composeStore.svelte';

async function setup(options: FakeOptions = {}) {
  useBackend(createFakeBackend(options));
  const catalog = new CatalogStore();
  await catalog.load();
  const compose = new ComposeStore(catalog);
  render(ComposePanel, { compose, catalog, demo: true, onrun: vi.fn() });
  await fireEvent.input(screen.getByLabelText('Prompt'), { target: { value: 'the keeper turns' } });
  return { compose };
}

const row = (key: string) => document.querySelector(`[data-model="${key}"]`)!.closest<HTMLElement>('.row')!;
const receives = (key: string) => document.querySelector<HTMLElement>(`[data-receives="${key}"]`)!;
const tick = (key: string) => fireEvent.click(document.querySelector(`[data-model="${key}"]`)!);
const runButton = () => screen.getByRole('button', { name: /^Run/ });
const runHint = () => document.getElementById('run-hint')!;

describe('ComposePanel: image-only models', () => {
  it('disables Run naming the model until a start image is picked', async () => {
    const { compose } = await setup();
    await tick('kling-3.0-pro@fal');
    await waitFor(() => expect(runButton()).toHaveTextContent('Run 1 model · est. $0.84'));
    expect(runButton()).toBeEnabled();
    expect(screen.queryByTestId('image-required')).toBeNull();

    await tick('runway-gen-4-turbo@runway');
    expect(runButton()).toBeDisabled();
    expect(runHint()).toHaveTextContent('Runway Gen-4 Turbo needs a start image.');
    expect(screen.getByTestId('image-required')).toHaveTextContent('needed by Runway Gen-4 Turbo');
    expect(within(row('runway-gen-4-turbo@runway')).getByText('image only')).toHaveClass('warn');
    // The plan's own refusal is the same fact; it is not repeated as an error.
    await waitFor(() => expect(compose.planError?.message).toMatch(/^start-image: runway-gen-4-turbo@runway does not allow none/));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(runHint()).toHaveTextContent('Runway Gen-4 Turbo needs a start image.');

    await fireEvent.change(screen.getByLabelText('Start image'), { target: { files: [imageFile('wide.png', pngBytes(1280, 720))] } });
    // Importing, previewing and re-planning take a while on a loaded machine.
    await waitFor(() => expect(runButton()).toBeEnabled(), { timeout: 4000 });
    await waitFor(() => expect(runButton()).toHaveTextContent('Run 2 models · est. $'));
    expect(within(row('runway-gen-4-turbo@runway')).getByText('image → video')).toHaveClass('ok');
    expect(within(row('runway-gen-4-turbo@runway')).getByText('image only')).not.toHaveClass('warn');

    // Clearing the image blocks it again.
    await fireEvent.click(screen.getByRole('button', { name: 'Clear start image' }));
    expect(runButton()).toBeDisabled();
    expect(runHint()).toHaveTextContent('Runway Gen-4 Turbo needs a start image.');
  });

  it('keeps the crop offer for an image-only model whose aspect does not fit', async () => {
    // No image-only route in today's catalog names its image aspects; this one is given some.
    const sixAspects = ['21:9', '16:9', '4:3', '1:1', '3:4', '9:16'];
    await setup({ catalog: catalogWith('runway-gen-4-turbo@runway', { image_aspects: sixAspects }) });
    await tick('runway-gen-4-turbo@runway');
    await fireEvent.change(screen.getByLabelText('Start image'), { target: { files: [imageFile('tall.png', pngBytes(1000, 3000))] } });
    const offer = await screen.findByRole('alert', {}, { timeout: 4000 });
    expect(offer).toHaveTextContent('runway-gen-4-turbo@runway needs an image near one of its aspect ratios');
    expect(runHint()).toHaveTextContent('Crop the image or pick another to run.');
    await fireEvent.click(within(offer).getByRole('button', { name: /Centre-crop to fit \(9:16\)/ }));
    await waitFor(() => expect(runButton()).toBeEnabled());
    await waitFor(() => expect(receives('runway-gen-4-turbo@runway')).toHaveTextContent('start-image centre-cropped to 9:16'));
  });
});

describe('ComposePanel: multi-shot', () => {
  it('offers multi-shot only with a route that takes it, and says where shots are joined', async () => {
    await setup();
    expect(screen.queryByTestId('shots-available')).toBeNull();
    expect(screen.queryByTestId('shots-note')).toBeNull();

    await tick('sora-2@openai');
    expect(screen.getByTestId('shots-note')).toHaveTextContent('No selected model takes multi-shot: shots will be written into each prompt in its own form.');
    // Still usable: the shots become one prompt for Sora.
    await fireEvent.click(screen.getByRole('button', { name: '+ Add shot' }));
    await fireEvent.input(screen.getByLabelText('Shot 1 prompt'), { target: { value: 'wide on the tower' } });
    await waitFor(() => expect(receives('sora-2@openai')).toHaveTextContent('multi-shot not supported: shots written into the prompt'));
    expect(receives('sora-2@openai')).toHaveTextContent('Shot 1 (5 s): wide on the tower');

    await tick('kling-3.0-pro@fal');
    expect(screen.getByTestId('shots-available')).toHaveTextContent('multi-shot · up to 6');
    expect(screen.getByTestId('shots-note')).toHaveTextContent('Sora 2 has no multi-shot: its shots will be written into the prompt in its own form.');

    await tick('sora-2@openai');
    expect(screen.getByTestId('shots-available')).toBeInTheDocument();
    expect(screen.queryByTestId('shots-note')).toBeNull();
  });
});
