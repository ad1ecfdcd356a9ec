import { describe, expect, it, vi } from 'vitest';
import type { CompareRequest } from '../../ipc/bindings.gen';
import type { IpcError } from '../../ipc/errors';
import { PromptQueue } from './promptQueue.svelte';

const request = (prompt: string): CompareRequest => ({ params: { prompt }, models: ['kling-3.0-pro@fal'], strict: false });

describe('PromptQueue', () => {
  it('starts nothing while busy, then the head only, in the order queued', async () => {
    const queue = new PromptQueue();
    queue.add(request('one'));
    queue.add(request('two'));
    const start = vi.fn(async () => null);
    await queue.advance(true, start);
    expect(start).not.toHaveBeenCalled();
    await queue.advance(false, start);
    expect(start).toHaveBeenCalledExactlyOnceWith(request('one'));
    expect(queue.items.map((i) => i.request.params.prompt)).toEqual(['two']);
  });

  it('keeps a refused head with its reason and starts nothing after it until it is removed', async () => {
    const queue = new PromptQueue();
    queue.add(request('refused'));
    queue.add(request('waits'));
    const refusal: IpcError = { code: 'invalid_input', message: "model: unknown model 'x'", field: 'model' };
    await queue.advance(false, async () => refusal);
    expect(queue.items[0]).toMatchObject({ error: "model: unknown model 'x'" });
    expect(queue.blocked).toBe(true);
    const start = vi.fn(async () => null);
    await queue.advance(false, start);
    expect(start).not.toHaveBeenCalled();
    queue.remove(queue.items[0].id);
    await queue.advance(false, start);
    expect(start).toHaveBeenCalledExactlyOnceWith(request('waits'));
    expect(queue.items).toEqual([]);
  });

  it('starts one run per finish even when asked twice while the first start is pending', async () => {
    const queue = new PromptQueue();
    queue.add(request('one'));
    queue.add(request('two'));
    let resolve: (value: null) => void = () => {};
    const start = vi.fn(() => new Promise<null>((r) => (resolve = r)));
    const first = queue.advance(false, start);
    await queue.advance(false, start);
    resolve(null);
    await first;
    expect(start).toHaveBeenCalledOnce();
  });

  it('keeps a copy: changing the request afterwards changes nothing queued', () => {
    const queue = new PromptQueue();
    const asked = request('one');
    queue.add(asked);
    asked.params.prompt = 'changed';
    asked.models.push('sora-2@openai');
    expect(queue.items[0].request).toEqual(request('one'));
  });
});
