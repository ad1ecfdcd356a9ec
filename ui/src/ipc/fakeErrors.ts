// Errors the fake backend throws, shaped like the shell's IpcError. The core words every
// input error as "<field>: <what is wrong>" and sets `field` to that word (a core test holds
// the two together), so the fake derives `field` the same way from its own messages.
import type { IpcError } from './bindings.gen';

export const fail = (code: string, message: string): IpcError => ({ code, message, field: null });

export function invalid(message: string): IpcError {
  const field = /^([a-z][a-z_-]*): /.exec(message)?.[1] ?? null;
  return { code: 'invalid_input', message, field };
}
