import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import App from '../../App.svelte';
import { useBackend } from '../../ipc/backend';
import { createFakeBackend } from '../../ipc/fake';

// The library as a creator uses it: star the best take, find runs by words and stars,
// and compare models on what they actually did.
async function run(prompt: string, model: string) {
  await fireEvent.input(screen.getByLabelText('Prompt'), { target: { value: prompt } });
  const box = () => document.querySelector<HTMLInputElement>(`[data-model="${model}"]`)!;
  await waitFor(() => expect(box()).toBeInTheDocument());
  if (!box().checked) await fireEvent.click(box());
  await waitFor(() => expect(screen.getByRole('button', { name: /^Run 1 model · est\./ })).toBeEnabled());
  await fireEvent.click(screen.getByRole('button', { name: /^Run 1 model · est\./ }));
  await waitFor(() => expect(document.querySelector('[data-clip-id]')?.getAttribute('data-status')).toBe('succeeded'), { timeout: 5000 });
}

const library = () => screen.getByRole('navigation', { name: 'Library' });
const listed = () => [...library().querySelectorAll('[data-run-id] .prompt')].map((e) => e.textContent);

describe('library', () => {
  it('rates a take, then finds runs by words and by stars, and sums models up', async () => {
    useBackend(createFakeBackend({ pace: 0.05 }));
    render(App);
    await fireEvent.click(await screen.findByRole('button', { name: 'Turn on Demo providers' }));
    await run('a lighthouse in fog', 'kling-3.0-pro@fal');
    await run('a harbour at dawn', 'kling-3.0-pro@fal');

    const tile = document.querySelector<HTMLElement>('[data-clip-id]')!;
    await fireEvent.click(within(tile).getByRole('button', { name: '4 stars' }));
    await waitFor(() => expect(within(tile).getByRole('button', { name: '4 stars' })).toHaveAttribute('aria-pressed', 'true'));
    await waitFor(() => expect(library()).toHaveTextContent('★4'));

    await fireEvent.input(within(library()).getByLabelText('Search prompts'), { target: { value: 'LIGHTHOUSE' } });
    await waitFor(() => expect(listed()).toEqual(['a lighthouse in fog']));
    await fireEvent.input(within(library()).getByLabelText('Search prompts'), { target: { value: '' } });
    await waitFor(() => expect(listed()).toHaveLength(2));
    await fireEvent.change(within(library()).getByLabelText('Minimum rating'), { target: { value: '4' } });
    await waitFor(() => expect(listed()).toEqual(['a harbour at dawn']));
    await fireEvent.change(within(library()).getByLabelText('Minimum rating'), { target: { value: '5' } });
    await waitFor(() => expect(library()).toHaveTextContent('No run matches.'));

    await fireEvent.click(screen.getByRole('button', { name: 'Stats' }));
    const stats = screen.getByRole('dialog', { name: 'Model stats' });
    const row = await within(stats).findByText('Kling 3.0 Pro');
    const cells = [...row.closest('tr')!.querySelectorAll('td')].map((td) => td.textContent?.trim());
    expect(cells[1]).toBe('2/2');
    expect(cells[5]).toMatch(/^\$\d/);
    expect(cells[7]).toBe('est.'); // fal reports no charge: the $/clip is the estimate, and says so
    expect(cells[8]).toBe('4');
    // Demo clips are simulated: without them there is nothing to show yet.
    await fireEvent.click(within(stats).getByLabelText(/Include demo clips/));
    await waitFor(() => expect(stats).toHaveTextContent('No finished clips on your own keys yet.'));
  });

  it('browses every clip in the Clips view, shows one in detail and opens it in the player', async () => {
    useBackend(createFakeBackend({ sample: true }));
    render(App);
    await fireEvent.click(within(library()).getByRole('button', { name: 'Clips' }));
    const grid = await screen.findByRole('region', { name: 'Clip library' });
    await waitFor(() => expect(grid.querySelectorAll('[data-library-clip]')).toHaveLength(7));
    expect(screen.queryByLabelText('Prompt')).toBeNull(); // the grid takes the form's room

    await fireEvent.input(within(library()).getByLabelText('Search prompts'), { target: { value: 'espres' } });
    await waitFor(() => expect(grid.querySelectorAll('[data-library-clip]')).toHaveLength(3));
    const kling = grid.querySelector<HTMLElement>('[data-library-clip="run_sample_1_c2"]')!;
    expect(kling).toHaveTextContent('$0.98 billed');
    await fireEvent.click(kling);
    const details = screen.getByRole('complementary', { name: 'Clip details' });
    expect(details).toHaveTextContent('Macro shot of espresso');

    await fireEvent.click(within(details).getByRole('button', { name: 'Open in player' }));
    await waitFor(() => expect(document.querySelectorAll('[data-clip-id]')).toHaveLength(3));
    expect(screen.queryByRole('region', { name: 'Clip library' })).toBeNull();
    expect(within(library()).getByRole('button', { name: 'Runs' })).toHaveAttribute('aria-pressed', 'true');
  });
});
