import type { IpcError } from './bindings.gen';

export type { IpcError };

function isIpcError(value: unknown): value is IpcError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as IpcError).code === 'string' &&
    typeof (value as IpcError).message === 'string'
  );
}

/**
 * Normalises whatever a rejected `invoke` (or the fake) threw into `{ code, message, field }`.
 * The shell rejects with IpcError objects, but Tauri itself rejects with bare strings
 * (unknown command, bad arguments) and JS can throw Errors; the UI should never have
 * to care which.
 */
export function toIpcError(reason: unknown): IpcError {
  if (isIpcError(reason)) return { code: reason.code, message: reason.message, field: reason.field ?? null };
  if (typeof reason === 'string') {
    // Some shells serialise the error as JSON text; accept that shape too.
    try {
      const parsed: unknown = JSON.parse(reason);
      if (isIpcError(parsed)) return { code: parsed.code, message: parsed.message, field: parsed.field ?? null };
    } catch {
      // Not JSON: a plain message from Tauri.
    }
    return { code: 'ipc', message: reason, field: null };
  }
  if (reason instanceof Error) return { code: 'internal', message: reason.message, field: null };
  return { code: 'internal', message: 'Something went wrong talking to the Dailies engine.', field: null };
}

/** Wraps a promise so its rejection is always an IpcError. */
export async function normalised<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (reason) {
    throw toIpcError(reason);
  }
}
