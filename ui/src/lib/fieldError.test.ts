import { describe, expect, it } from 'vitest';
import { fieldErrorOf } from './fieldError';

describe('fieldErrorOf', () => {
  it('labels the field the core names and drops its prefix from the text', () => {
    const message = 'duration: Sora 2 Pro does not allow 10; allowed values: 4, 8, 12';
    expect(fieldErrorOf({ code: 'invalid_input', message, field: 'duration' })).toEqual({
      field: 'duration',
      label: 'Duration',
      text: 'Sora 2 Pro does not allow 10; allowed values: 4, 8, 12',
    });
    const budget = { code: 'invalid_input', message: 'max-cost: estimated $3.00 exceeds --max-cost $2.00', field: 'max-cost' };
    expect(fieldErrorOf(budget).label).toBe('Budget');
  });
  it('never guesses a field from the message when none is named', () => {
    expect(fieldErrorOf({ code: 'invalid_input', message: 'duration: looks like a field', field: null })).toEqual({
      field: null,
      label: null,
      text: 'duration: looks like a field',
    });
  });
});
