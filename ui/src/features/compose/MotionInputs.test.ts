import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { useBackend } from '../../ipc/backend';
import { createFakeBackend } from '../../ipc/fake';
import { imageFile, pngBytes } from '../../../test/images';
import { mp4Bytes } from '../../../test/videos';
import { CatalogStore } from '../picker/catalogStore.svelte';
import ComposePanel from './ComposePanel.svelte';
import { ComposeStore } from './composeStore.svelte';

async function setup() {
  useBackend(createFakeBackend());
  const catalog = new CatalogStore();
  await catalog.load();
  const compose = new ComposeStore(catalog);
  render(ComposePanel, { compose, catalog, demo: true, onrun: () => {} });
  return compose;
}

const tick = (key: string) => fireEvent.click(document.querySelector(`[data-model="${key}"]`)!);
const pick = (label: string, file: File) => fireEvent.change(screen.getByLabelText(label), { target: { files: [file] } });

describe('MotionInputs', () => {
  it('is offered once a picked model has motion control, and the plan sends the reference there only', async () => {
    const compose = await setup();
    await fireEvent.input(screen.getByLabelText('Prompt'), { target: { value: 'she dances on the pier' } });
    await tick('veo-3.1@fal');
    expect(screen.queryByRole('region', { name: 'Motion control' })).toBeNull();

    await tick('kling-3.0-pro@fal');
    expect(await screen.findByRole('region', { name: 'Motion control' })).toBeInTheDocument();
    await pick('Motion video', new File([mp4Bytes(7) as BlobPart], 'dance.mp4', { type: 'video/mp4' }));
    await waitFor(() => expect(screen.getByTestId('motion-video-facts')).toHaveTextContent('7.0 s'));
    expect(screen.getByTestId('motion-needs-still')).toBeInTheDocument();
    await pick('Start image', imageFile('still.png', pngBytes(1280, 720)));
    await waitFor(() => expect(screen.queryByTestId('motion-needs-still')).toBeNull());
    expect(screen.getByTestId('motion-uses')).toHaveTextContent('performed by Kling 3.0 Pro; Veo 3.1 runs without it');

    await fireEvent.click(screen.getByLabelText('Keep the still’s pose'));
    await waitFor(() => expect(compose.plan?.clips.find((c) => c.model === 'kling-3.0-pro')?.endpoint).toBe('fal-ai/kling-video/v3/pro/motion-control'));
    expect(compose.request.params.motion).toMatchObject({ orientation: 'image' });
    const veo = compose.plan!.clips.find((c) => c.model === 'veo-3.1')!;
    expect(veo.parity.map((n) => n.message).join(' ')).toContain('motion control not offered here');
  });

  it('says a reference too long for the orientation before planning, and refuses a file that is no video', async () => {
    await setup();
    await tick('kling-3.0-standard@fal');
    await pick('Motion video', new File([mp4Bytes(12) as BlobPart], 'long.mp4', { type: 'video/mp4' }));
    await waitFor(() => expect(screen.getByTestId('motion-video-facts')).toHaveTextContent('12.0 s'));
    expect(screen.queryByTestId('motion-length')).toBeNull();
    await fireEvent.click(screen.getByLabelText('Keep the still’s pose'));
    expect(await screen.findByTestId('motion-length')).toHaveTextContent('12.0 s is too long: 3–10 s with this orientation');

    await fireEvent.click(screen.getByRole('button', { name: 'Clear motion video' }));
    await pick('Motion video', imageFile('still.png', pngBytes(10, 10)));
    expect(await screen.findByText(/not a readable MP4 or MOV video/)).toBeInTheDocument();
  });
});
