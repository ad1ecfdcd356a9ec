// An invalid-input error names its field (`IpcError.field`, set by dailies-core); its message
// reads "<field>: <what is wrong>", so the prefix is dropped where the field gets a label.
import type { IpcError } from '../ipc/bindings.gen';

export interface FieldError {
  field: string | null;
  /** Human name for the field, e.g. "Duration". */
  label: string | null;
  text: string;
}

const LABELS: Record<string, string> = {
  prompt: 'Prompt',
  negative: 'Negative prompt',
  duration: 'Duration',
  aspect: 'Aspect',
  resolution: 'Resolution',
  audio: 'Audio',
  seed: 'Seed',
  cfg: 'CFG scale',
  shots: 'Shots',
  'start-image': 'Start image',
  'end-image': 'End image',
  image: 'Image',
  price: 'Price',
  model: 'Models',
  keys: 'Keys',
  'max-cost': 'Budget',
};

export function fieldErrorOf(error: IpcError): FieldError {
  const field = error.field ?? null;
  if (!field) return { field: null, label: null, text: error.message };
  const prefix = `${field}: `;
  const text = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
  return { field, label: LABELS[field] ?? field, text };
}
