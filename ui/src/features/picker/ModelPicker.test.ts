import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeModel, makeRoute } from '../../../test/fixtures';
import type { RunPlan } from '../../ipc/bindings.gen';
import { CatalogStore } from './catalogStore.svelte';
import ModelPicker from './ModelPicker.svelte';

function catalogOf() {
  const catalog = new CatalogStore();
  catalog.models = [
    makeModel(),
    makeModel({
      id: 'sora-2',
      name: 'Sora 2',
      family: 'Sora',
      vendor: 'OpenAI',
      routes: [
        makeRoute({ route: 'openai', usd_per_second: 0.1, lifecycle: { state: 'deprecated', date: '2026-09-24' }, key_available: false }),
        makeRoute({ route: 'fal', usd_per_second: 0.1, lifecycle: { state: 'retired', date: '2026-08-02', note: 'Removed from fal.' } }),
      ],
    }),
  ];
  catalog.loaded = true;
  return catalog;
}

const row = (key: string) => document.querySelector<HTMLInputElement>(`[data-model="${key}"]`)!.closest<HTMLElement>('.row')!;

describe('ModelPicker', () => {
  beforeEach(() => localStorage.clear());

  it('filters by search, ticks the first match on Enter and pins favourites first (kept in localStorage)', async () => {
    const ontoggle = vi.fn();
    render(ModelPicker, { catalog: catalogOf(), selected: [], plan: null, demo: true, ontoggle });
    const search = screen.getByLabelText('Search models');
    await fireEvent.input(search, { target: { value: 'sora openai' } });
    expect(document.querySelector('[data-model="kling-3.0-pro@fal"]')).toBeNull();
    expect(document.querySelector('[data-model="sora-2@openai"]')).toBeInTheDocument();
    await fireEvent.keyDown(search, { key: 'Enter' });
    expect(ontoggle).toHaveBeenCalledWith('sora-2@openai');
    await fireEvent.input(search, { target: { value: '' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Pin Sora 2 (openai) to favourites' }));
    const pinned = screen.getByRole('group', { name: 'Favourites' });
    expect(within(pinned).getAllByRole('checkbox').map((b) => b.dataset.model)).toEqual(['sora-2@openai']);
    expect(JSON.parse(localStorage.getItem('dailies.picker.favourites')!)).toEqual(['sora-2@openai']);
  });

  afterEach(() => vi.useRealTimers());

  it('groups models by family with one checkable row per model and route', () => {
    render(ModelPicker, { catalog: catalogOf(), selected: [], plan: null, demo: false, ontoggle: () => {} });
    expect(screen.getByRole('group', { name: 'Kling' })).toBeInTheDocument();
    const sora = screen.getByRole('group', { name: 'Sora' });
    expect(within(sora).getAllByRole('checkbox')).toHaveLength(2);
    expect(document.querySelector('[data-model="sora-2@openai"]')).toBeInTheDocument();
    expect(document.querySelector('[data-model="sora-2@fal"]')).toBeInTheDocument();
  });

  it('shows route, price per second and lifecycle badges', () => {
    render(ModelPicker, { catalog: catalogOf(), selected: [], plan: null, demo: false, ontoggle: () => {}, today: '2026-09-01' });
    const kling = row('kling-3.0-pro@fal');
    expect(kling).toHaveTextContent('fal');
    expect(kling).toHaveTextContent('$0.168/s');
    expect(kling).toHaveTextContent('active');
    // One line per model: what the route supports is in the row's tooltip.
    expect(kling.querySelector('label')!.title).toContain('3–15 s · 16:9 9:16 1:1 · ≤1080p · audio on/off · negative prompt');
    expect(row('sora-2@openai')).toHaveTextContent('deprecated · ends 2026-09-24');
    expect(row('sora-2@fal')).toHaveTextContent('retired 2026-08-02');
  });

  it('marks retired rows visibly but keeps them selectable, with a warning once ticked', async () => {
    const ontoggle = vi.fn();
    const { rerender } = render(ModelPicker, { catalog: catalogOf(), selected: [], plan: null, demo: false, ontoggle });
    const retired = row('sora-2@fal');
    expect(retired).toHaveClass('retired');
    const box = document.querySelector<HTMLInputElement>('[data-model="sora-2@fal"]')!;
    expect(box).toBeEnabled();
    await fireEvent.click(box);
    expect(ontoggle).toHaveBeenCalledWith('sora-2@fal');
    await rerender({ selected: ['sora-2@fal'] });
    expect(within(row('sora-2@fal')).getByRole('note')).toHaveTextContent(/Retired on 2026-08-02: this route will probably fail/);
  });

  it('marks routes without a key only when demo is off', async () => {
    const { rerender } = render(ModelPicker, { catalog: catalogOf(), selected: [], plan: null, demo: false, ontoggle: () => {} });
    expect(row('sora-2@openai')).toHaveTextContent('no key');
    expect(row('kling-3.0-pro@fal')).not.toHaveTextContent('no key');
    await rerender({ demo: true });
    expect(row('sora-2@openai')).not.toHaveTextContent('no key');
  });

  it('shows the plan total and per-model estimates (parity notes are in the per-model panel)', () => {
    const plan = {
      estimated_cost_usd: 1.24,
      demo: false,
      params: { prompt: 'x' },
      clips: [
        { model: 'kling-3.0-pro', route: 'fal', estimated_cost_usd: 0.84, usd_per_second: 0.168, resolved: { duration_s: 5 }, parity: [] },
        {
          model: 'sora-2', route: 'openai', estimated_cost_usd: 0.4, usd_per_second: 0.1, resolved: { duration_s: 4 },
          parity: [{ param: 'duration', asked: '5', ran: '4', message: 'asked 5 s → ran 4 s' }],
        },
      ],
    } as unknown as RunPlan;
    render(ModelPicker, { catalog: catalogOf(), selected: ['kling-3.0-pro@fal', 'sora-2@openai'], plan, demo: false, ontoggle: () => {} });
    expect(screen.getByTestId('picker-total')).toHaveTextContent('2 selected · est. $1.24');
    expect(row('kling-3.0-pro@fal')).toHaveTextContent('$0.84');
    expect(row('sora-2@openai')).toHaveTextContent('$0.40');
    expect(row('sora-2@openai')).not.toHaveTextContent('asked 5 s → ran 4 s');
    expect(screen.getByTestId('picked-summary')).toHaveTextContent('Kling 3.0 Pro fal');
  });

  it('says "shutdown passed" once a deprecated route is past its date (today from the clock)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-21T12:00:00'));
    const { rerender } = render(ModelPicker, { catalog: catalogOf(), selected: [], plan: null, demo: true, ontoggle: () => {} });
    const sora = row('sora-2@openai');
    expect(sora).toHaveTextContent('deprecated · shutdown passed 2026-09-24');
    expect(within(sora).getByText(/shutdown passed/)).toHaveClass('danger');
    expect(row('sora-2@fal').querySelector('.name')).toHaveTextContent('Sora 2'); // retired: struck through by .retired
    expect(row('sora-2@fal')).toHaveClass('retired');
    await rerender({ selected: ['sora-2@openai'] });
    expect(within(row('sora-2@openai')).getByRole('note')).toHaveTextContent('Shutdown was announced for 2026-09-24');
  });

  it('marks a creator-set price next to the price per second', () => {
    const catalog = catalogOf();
    catalog.models[0].routes[0] = { ...catalog.models[0].routes[0], usd_per_second: 0.2, price_overridden: true };
    render(ModelPicker, { catalog, selected: [], plan: null, demo: true, ontoggle: () => {} });
    expect(row('kling-3.0-pro@fal')).toHaveTextContent('$0.20/s');
    expect(within(row('kling-3.0-pro@fal')).getByTestId('custom-price')).toHaveTextContent('custom price');
    expect(within(row('sora-2@openai')).queryByTestId('custom-price')).toBeNull();
  });

  it('marks which selected models use the start image and which run text-to-video', () => {
    const dropped = { param: 'start-image', asked: '/lib/in.png', ran: '', message: 'start image not supported: ran text-to-video' };
    const plan = {
      estimated_cost_usd: 1.24,
      demo: true,
      params: { prompt: 'x', start_image: '/lib/in.png' },
      clips: [
        { model: 'kling-3.0-pro', route: 'fal', estimated_cost_usd: 0.84, usd_per_second: 0.168, resolved: { duration_s: 5, start_image: '/lib/in.png' }, parity: [] },
        { model: 'sora-2', route: 'openai', estimated_cost_usd: 0.4, usd_per_second: 0.1, resolved: { duration_s: 4 }, parity: [dropped] },
      ],
    } as unknown as RunPlan;
    render(ModelPicker, { catalog: catalogOf(), selected: ['kling-3.0-pro@fal', 'sora-2@openai'], plan, demo: true, ontoggle: () => {} });
    expect(row('kling-3.0-pro@fal')).toHaveTextContent('image → video');
    expect(row('sora-2@openai')).toHaveTextContent('text → video');
    // The badge says it; the dropped-image note is not repeated under the row.
    expect(row('sora-2@openai')).not.toHaveTextContent('ran text-to-video');
  });

  it('shows what a ticked route takes as compact badges, from its RouteInfo', () => {
    const catalog = catalogOf();
    catalog.models[0].routes[0] = makeRoute({ start_image: true, end_image: true, cfg_scale: [0, 1], max_shots: 6 });
    catalog.models.push(
      makeModel({
        id: 'runway-gen-4-turbo',
        name: 'Runway Gen-4 Turbo',
        family: 'Runway',
        vendor: 'Runway',
        routes: [makeRoute({ route: 'runway', start_image: true, requires_image: true, image_aspects: ['16:9', '9:16'] })],
      }),
    );
    const selected = ['kling-3.0-pro@fal', 'runway-gen-4-turbo@runway', 'sora-2@openai'];
    render(ModelPicker, { catalog, selected, plan: null, demo: true, ontoggle: () => {} });
    const caps = (key: string) => within(row(key)).queryByTestId('route-caps');
    const labels = (key: string) => [...caps(key)!.querySelectorAll('.badge')].map((b) => b.textContent?.trim());
    expect(labels('kling-3.0-pro@fal')).toEqual(['image → video', 'first+last frame', 'multi-shot ≤6', 'cfg 0–1']);
    expect(labels('runway-gen-4-turbo@runway')).toEqual(['image → video', 'image only']);
    expect(within(row('runway-gen-4-turbo@runway')).getByText('image → video')).toHaveAttribute('title', 'Can start from an image near 16:9 9:16 (else crop)');
    // A text-only route has no badges at all.
    expect(caps('sora-2@openai')).toBeNull();
  });

  it('warns on a selected image-only row until a start image is picked', async () => {
    const catalog = catalogOf();
    catalog.models[0].routes[0] = makeRoute({ start_image: true, requires_image: true });
    const { rerender } = render(ModelPicker, { catalog, selected: [], plan: null, demo: true, ontoggle: () => {} });
    const imageOnly = () => within(row('kling-3.0-pro@fal')).getByText('image only');
    expect(within(row('kling-3.0-pro@fal')).queryByText('image only')).toBeNull(); // one line until ticked
    await rerender({ selected: ['kling-3.0-pro@fal'] });
    expect(imageOnly()).toHaveClass('warn');
    expect(imageOnly()).toHaveAttribute('title', 'Pick a start image to run this model');
    await rerender({ hasStartImage: true });
    expect(imageOnly()).not.toHaveClass('warn');
  });
});
