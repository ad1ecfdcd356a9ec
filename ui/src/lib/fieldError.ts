// dailies-core words input errors as "<field>: <what is wrong>" (see crates/dailies-core/src/error.rs),
// so the field can be picked out and the matching input highlighted.

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

export function splitFieldError(message: string): FieldError {
  const match = /^([a-z][a-z_-]*): (.+)$/s.exec(message);
  if (!match) return { field: null, label: null, text: message };
  const field = match[1];
  return { field, label: LABELS[field] ?? field, text: match[2] };
}
