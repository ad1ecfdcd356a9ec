import { describe, expect, it } from 'vitest';
import { normalised, toIpcError } from './errors';

describe('toIpcError', () => {
  it('keeps shell errors as they are', () => {
    expect(toIpcError({ code: 'invalid_input', message: 'prompt: must not be empty', extra: 1 })).toEqual({
      code: 'invalid_input',
      message: 'prompt: must not be empty',
    });
  });
  it('wraps Tauri string rejections and JSON text', () => {
    expect(toIpcError('command plan_run not found')).toEqual({ code: 'ipc', message: 'command plan_run not found' });
    expect(toIpcError('{"code":"store","message":"db locked"}')).toEqual({ code: 'store', message: 'db locked' });
  });
  it('wraps JS errors and anything else', () => {
    expect(toIpcError(new Error('boom'))).toEqual({ code: 'internal', message: 'boom' });
    expect(toIpcError(42).code).toBe('internal');
  });
  it('normalises a rejected promise', async () => {
    await expect(normalised(Promise.reject(new Error('x')))).rejects.toEqual({ code: 'internal', message: 'x' });
  });
});
