import { describe, expect, it } from 'vitest';
import { normalised, toIpcError } from './errors';

describe('toIpcError', () => {
  it('keeps shell errors as they are', () => {
    expect(toIpcError({ code: 'invalid_input', message: 'prompt: must not be empty', field: 'prompt', extra: 1 })).toEqual({
      code: 'invalid_input',
      message: 'prompt: must not be empty',
      field: 'prompt',
    });
  });
  it('wraps Tauri string rejections and JSON text', () => {
    expect(toIpcError('command plan_run not found')).toEqual({ code: 'ipc', message: 'command plan_run not found', field: null });
    expect(toIpcError('{"code":"store","message":"db locked"}')).toEqual({ code: 'store', message: 'db locked', field: null });
  });
  it('wraps JS errors and anything else', () => {
    expect(toIpcError(new Error('boom'))).toEqual({ code: 'internal', message: 'boom', field: null });
    expect(toIpcError(42).code).toBe('internal');
  });
  it('normalises a rejected promise', async () => {
    await expect(normalised(Promise.reject(new Error('x')))).rejects.toEqual({ code: 'internal', message: 'x', field: null });
  });
});
