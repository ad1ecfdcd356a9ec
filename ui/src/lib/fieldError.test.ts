import { describe, expect, it } from 'vitest';
import { splitFieldError } from './fieldError';

describe('splitFieldError', () => {
  it('names the field of a core input error', () => {
    expect(splitFieldError('duration: Sora 2 Pro does not allow 10; allowed values: 4, 8, 12')).toEqual({
      field: 'duration',
      label: 'Duration',
      text: 'Sora 2 Pro does not allow 10; allowed values: 4, 8, 12',
    });
    expect(splitFieldError('max-cost: estimated $3.00 exceeds --max-cost $2.00').label).toBe('Budget');
  });
  it('passes other messages through', () => {
    expect(splitFieldError('Something broke')).toEqual({ field: null, label: null, text: 'Something broke' });
  });
});
