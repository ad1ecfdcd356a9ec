import { render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useBackend } from '../../ipc/backend';
import type { CanonicalParams } from '../../ipc/bindings.gen';
import { createFakeBackend } from '../../ipc/fake';
import catalogJson from '../../ipc/fixtures/catalog.gen.json';
import type { ModelInfo } from '../../ipc/bindings.gen';
import PromptAdvice from './PromptAdvice.svelte';
import { ADVICE_DEBOUNCE_MS } from './adviceStore.svelte';

const catalog = catalogJson as unknown as ModelInfo[];
const models = ['kling-3.0-pro@fal', 'sora-2@openai'];
const params = (prompt: string, extra: Partial<CanonicalParams> = {}): CanonicalParams => ({ prompt, ...extra });
const advice = (key: string) => document.querySelector(`[data-advice="${key}"]`)!;

describe('PromptAdvice', () => {
  beforeEach(() => useBackend(createFakeBackend()));
  afterEach(() => vi.useRealTimers());

  it('shows per model a token count against its limit and each rule’s reason', async () => {
    const long = `@Element1 crosses the street, ${'slow rain on neon signs, '.repeat(30)}`;
    render(PromptAdvice, { params: params(long, { seed: 3 }), models, catalog });
    await waitFor(() => expect(screen.getByTestId('prompt-advice')).toBeInTheDocument());
    const kling = advice('kling-3.0-pro@fal');
    expect(kling.querySelector('[data-testid="token-count"]')).toHaveTextContent(/~\d+ tokens\s*\/ 120/);
    expect(kling.querySelector('[data-testid="token-count"]')).toHaveClass('over');
    expect(kling.querySelector('[data-code="kling-adherence-tokens"]')).toHaveTextContent("Kling's prompt adherence drops");
    expect(kling.querySelector('[data-code="kling-adherence-tokens"]')).toHaveAttribute('title', expect.stringContaining('seeds/001_'));
    const sora = advice('sora-2@openai');
    expect(sora.querySelector('[data-code="element-ref-not-understood"]')).toHaveTextContent('plain text');
    expect(sora.querySelector('[data-code="ignored-field:seed"]')).toHaveTextContent('Seed is not sent');
  });

  it('is debounced: one question after a burst of typing, answering the last prompt', async () => {
    vi.useFakeTimers();
    const fake = createFakeBackend();
    const spy = vi.spyOn(fake, 'lintPrompt');
    useBackend(fake);
    const view = render(PromptAdvice, { params: params('a'), models, catalog });
    for (const prompt of ['a c', 'a ca', 'a cat', 'Low-angle shot, a cat. Slow dolly-in.']) {
      await view.rerender({ params: params(prompt), models, catalog });
      await vi.advanceTimersByTimeAsync(ADVICE_DEBOUNCE_MS / 3);
    }
    expect(spy).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(ADVICE_DEBOUNCE_MS);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy.mock.calls[0][0].params.prompt).toBe('Low-angle shot, a cat. Slow dolly-in.');
    vi.useRealTimers();
    await waitFor(() => expect(advice('sora-2@openai')).toBeInTheDocument());
    expect(advice('sora-2@openai').querySelector('[data-code="sora-camera-direction"]')).toBeNull();
  });

  it('counts the attached elements: @Element1 is bound once one is attached', async () => {
    const prompt = '@Element1 walks along the harbour wall at dawn, slow tracking shot';
    const kling = ['kling-3.0-pro@fal'];
    const view = render(PromptAdvice, { params: params(prompt), models: kling, catalog });
    await waitFor(() => expect(advice('kling-3.0-pro@fal').querySelector('[data-code="element-ref-unbound"]')).not.toBeNull());
    const elements = [{ name: 'Mara', frontal_image: '/lib/elements/mara/front.png', reference_images: ['/lib/elements/mara/side.jpg'] }];
    await view.rerender({ params: params(prompt, { elements }), models: kling, catalog });
    await waitFor(() => expect(advice('kling-3.0-pro@fal').querySelector('[data-code="element-ref-unbound"]')).toBeNull());
  });

  it('says nothing without a selected model', async () => {
    render(PromptAdvice, { params: params('a cat'), models: [], catalog });
    await new Promise((r) => setTimeout(r, ADVICE_DEBOUNCE_MS + 50));
    expect(screen.queryByTestId('prompt-advice')).toBeNull();
  });
});
