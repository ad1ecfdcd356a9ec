import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useBackend } from '../../ipc/backend';
import { createFakeBackend } from '../../ipc/fake';
import { imageFile, pngBytes } from '../../../test/images';
import { CatalogStore } from '../picker/catalogStore.svelte';
import ComposePanel from './ComposePanel.svelte';
import { ComposeStore } from './composeStore.svelte';

async function setup(onrun = vi.fn()) {
  const fake = createFakeBackend();
  useBackend(fake);
  const catalog = new CatalogStore();
  await catalog.load();
  const compose = new ComposeStore(catalog);
  render(ComposePanel, { compose, catalog, demo: true, onrun });
  return { compose, onrun, fake };
}

const pickImage = (label: string, file: File) => fireEvent.change(screen.getByLabelText(label), { target: { files: [file] } });
const row = (key: string) => document.querySelector(`[data-model="${key}"]`)!.closest<HTMLElement>('.row')!;
/** The model's card in "What each model receives" (parity notes live there, not on the picker row). */
const receives = (key: string) => document.querySelector<HTMLElement>(`[data-receives="${key}"]`)!;

const runButton = () => screen.getByRole('button', { name: /^Run/ });
const tick = (key: string) => fireEvent.click(document.querySelector(`[data-model="${key}"]`)!);

describe('ComposePanel', () => {
  beforeEach(() => vi.useRealTimers());

  it('disables Run with an explanation until there is a prompt and a model', async () => {
    await setup();
    expect(runButton()).toBeDisabled();
    expect(document.getElementById('run-hint')).toHaveTextContent('Write a prompt to run.');
    await fireEvent.input(screen.getByLabelText('Prompt'), { target: { value: 'a lighthouse at dusk' } });
    expect(document.getElementById('run-hint')).toHaveTextContent('Pick at least one model.');
    await tick('kling-3.0-pro@fal');
    await waitFor(() => expect(runButton()).toBeEnabled());
  });

  it('updates the estimate when duration, audio and models change', async () => {
    const { onrun } = await setup();
    await fireEvent.input(screen.getByLabelText('Prompt'), { target: { value: 'a lighthouse at dusk' } });
    await tick('kling-3.0-pro@fal');
    // 5 s with audio at $0.168/s
    await waitFor(() => expect(runButton()).toHaveTextContent('Run 1 model · est. $0.84'));

    await fireEvent.change(screen.getByLabelText('Duration'), { target: { value: '10' } });
    await waitFor(() => expect(runButton()).toHaveTextContent('est. $1.68'));

    await fireEvent.click(screen.getByLabelText('Audio'));
    // silent Kling is $0.112/s
    await waitFor(() => expect(runButton()).toHaveTextContent('est. $1.12'));

    // Sora 2 Pro cannot do 10 s at 1080p: it runs 12 s at 1024p, $0.50/s → $6.00
    await tick('sora-2-pro@openai');
    await waitFor(() => expect(runButton()).toHaveTextContent('Run 2 models · est. $7.12'));
    expect(await screen.findByText('asked 10 s → ran 12 s')).toBeInTheDocument();

    await fireEvent.click(runButton());
    expect(onrun).toHaveBeenCalledOnce();
  });

  it('shows a strict-parity refusal inline, naming the field', async () => {
    await setup();
    await fireEvent.input(screen.getByLabelText('Prompt'), { target: { value: 'a lighthouse at dusk' } });
    await fireEvent.change(screen.getByLabelText('Duration'), { target: { value: '10' } });
    await fireEvent.click(screen.getByLabelText(/Strict parity/));
    await tick('sora-2-pro@openai');
    const problem = await screen.findByRole('alert');
    expect(problem).toHaveTextContent('Duration: sora-2-pro@openai does not allow 10; allowed values: 4, 8, 12');
    expect(screen.getByLabelText('Duration')).toHaveAttribute('aria-invalid', 'true');
    expect(runButton()).toBeDisabled();
    expect(document.getElementById('run-hint')).toHaveTextContent('Fix the problem above to run.');
  });

  it('imports a picked start image, previews it and marks which models will use it', async () => {
    const { fake } = await setup();
    const importImage = vi.spyOn(fake, 'importImage');
    await fireEvent.input(screen.getByLabelText('Prompt'), { target: { value: 'the keeper turns' } });
    await tick('kling-3.0-pro@fal');
    await tick('sora-2@fal');
    await pickImage('Start image', imageFile('keeper shot.png', pngBytes(1920, 1080)));

    await waitFor(() => expect(screen.getByTestId('start-image-facts')).toHaveTextContent('1920×1080 · PNG'));
    expect(importImage).toHaveBeenCalledWith('keeper shot.png', expect.any(Uint8Array));
    expect(screen.getByRole('img', { name: 'Start image: keeper shot.png' })).toHaveAttribute('src', expect.stringMatching(/^blob:/));
    // Kling's "image → video" capability badge is always there; it turns green once planned with the image.
    const imageBadge = () => within(row('kling-3.0-pro@fal')).getByText('image → video');
    expect(imageBadge()).not.toHaveClass('ok');
    await waitFor(() => expect(imageBadge()).toHaveClass('ok'));
    expect(row('sora-2@fal')).toHaveTextContent('text → video');
    expect(screen.getByTestId('image-uses')).toHaveTextContent('Uses the image: Kling 3.0 Pro (fal)');
    expect(screen.getByTestId('image-uses')).toHaveTextContent('Text-to-video: Sora 2 (fal)');

    // The end image slot appears once there is a start image; clearing removes both marks
    // (the capability badge stays, no longer green).
    expect(screen.getByLabelText('End image')).toBeInTheDocument();
    await fireEvent.click(screen.getByRole('button', { name: 'Clear start image' }));
    await waitFor(() => expect(imageBadge()).not.toHaveClass('ok'));
    expect(row('sora-2@fal')).not.toHaveTextContent('text → video');
    expect(screen.getByLabelText('Start image')).toBeInTheDocument();
  });

  it('shows an import refusal under the slot', async () => {
    await setup();
    await pickImage('Start image', imageFile('notes.png', new TextEncoder().encode('not an image')));
    expect(await screen.findByRole('alert')).toHaveTextContent('not a PNG, JPEG or WebP image');
  });

  it('offers a centre-crop when a route refuses the image aspect, then shows the crop note', async () => {
    await setup();
    await fireEvent.input(screen.getByLabelText('Prompt'), { target: { value: 'the keeper turns' } });
    await tick('sora-2@openai');
    await pickImage('Start image', imageFile('square.png', pngBytes(1000, 1000)));

    const offer = await screen.findByRole('alert', {}, { timeout: 4000 });
    expect(offer).toHaveTextContent('start-image: sora-2@openai needs an image near one of its aspect ratios; this one is 1000x1000');
    expect(offer).not.toHaveTextContent('--crop');
    expect(runButton()).toBeDisabled();
    expect(document.getElementById('run-hint')).toHaveTextContent('Crop the image or pick another to run.');

    await fireEvent.click(within(offer).getByRole('button', { name: /Centre-crop to fit/ }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    await waitFor(() => expect(receives('sora-2@openai')).toHaveTextContent('start-image centre-cropped to 16:9'));
    await waitFor(() => expect(runButton()).toBeEnabled());
  });

  it('edits shots whose seconds add up to the duration and the estimate', async () => {
    await setup();
    await fireEvent.input(screen.getByLabelText('Prompt'), { target: { value: 'a lighthouse at dusk' } });
    await tick('kling-3.0-pro@fal');
    await waitFor(() => expect(runButton()).toHaveTextContent('est. $0.84'));

    await fireEvent.click(screen.getByRole('button', { name: '+ Add shot' }));
    await fireEvent.click(screen.getByRole('button', { name: '+ Add shot' }));
    await fireEvent.input(screen.getByLabelText('Shot 1 seconds'), { target: { value: '3' } });
    await fireEvent.input(screen.getByLabelText('Shot 2 seconds'), { target: { value: '4' } });
    expect(screen.getByTestId('shots-total')).toHaveTextContent('Total 7 s');
    expect(document.getElementById('duration')).toHaveTextContent('7 s · shots');
    expect(document.getElementById('run-hint')).toHaveTextContent('Give every shot a prompt.');

    await fireEvent.input(screen.getByLabelText('Shot 1 prompt'), { target: { value: 'wide on the tower' } });
    await fireEvent.input(screen.getByLabelText('Shot 2 prompt'), { target: { value: 'close on the lamp' } });
    // 7 s with audio at $0.168/s
    await waitFor(() => expect(runButton()).toHaveTextContent('est. $1.18'));
    expect(runButton()).toBeEnabled();

    await fireEvent.click(screen.getByRole('button', { name: 'Remove shot 1' }));
    expect(screen.getByTestId('shots-total')).toHaveTextContent('Total 4 s');
    await waitFor(() => expect(runButton()).toHaveTextContent('est. $0.67'));
    await fireEvent.click(screen.getByRole('button', { name: 'Remove shot 1' }));
    expect(screen.queryByTestId('shots-total')).toBeNull();
    expect(screen.getByLabelText('Duration')).toHaveValue('5');
  });

  it('enables cfg scale only for a selected route that takes it, with its range, and says who ignores it', async () => {
    const { compose } = await setup();
    const cfg = () => screen.getByLabelText('CFG scale');
    const hint = () => document.getElementById('cfg-hint')!;
    expect(cfg()).toBeDisabled();
    expect(hint()).toHaveTextContent('pick a model first');
    await fireEvent.input(screen.getByLabelText('Prompt'), { target: { value: 'a lighthouse at dusk' } });

    await tick('sora-2@openai');
    expect(cfg()).toBeDisabled();
    expect(hint()).toHaveTextContent('none of the selected models takes a cfg scale');

    await tick('kling-3.0-pro@fal');
    expect(cfg()).toBeEnabled();
    expect(cfg()).toHaveAttribute('max', '1');
    expect(hint()).toHaveTextContent('prompt adherence · range 0–1');
    await fireEvent.input(cfg(), { target: { value: '1.5' } });
    expect(hint()).toHaveTextContent('range 0–1 · used by 1 of 2 selected');
    await waitFor(() => expect(receives('kling-3.0-pro@fal')).toHaveTextContent('asked cfg 1.5 → ran 1'));
    expect(receives('sora-2@openai')).toHaveTextContent('cfg scale ignored');

    // With only Sora left the control turns off and the value is no longer sent.
    await tick('kling-3.0-pro@fal');
    expect(cfg()).toBeDisabled();
    expect(compose.request.params.cfg_scale).toBeUndefined();
    await waitFor(() => expect(receives('sora-2@openai')).not.toHaveTextContent('cfg scale ignored'));
  });
});
