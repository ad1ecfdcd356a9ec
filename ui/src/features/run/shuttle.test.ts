import { describe, expect, it } from 'vitest';
import { shuttleLabel, shuttleRate } from './shuttle';

const press = (keys: string) => [...keys].reduce((rate, k) => shuttleRate(rate, k as 'j' | 'k' | 'l'), 0);

describe('J/K/L shuttle', () => {
  it('starts at normal speed and gets faster with each press in one direction, up to 4×', () => {
    expect(press('l')).toBe(1);
    expect(press('ll')).toBe(2);
    expect(press('lllll')).toBe(4);
    expect(press('j')).toBe(-1);
    expect(press('jj')).toBe(-2);
  });

  it('slows down against the motion, through slow motion and a stop, then turns', () => {
    expect(press('llj')).toBe(1);
    expect(press('lj')).toBe(0.5);
    expect(press('ljj')).toBe(0.25);
    expect(press('ljjj')).toBe(0);
    expect(press('ljjjj')).toBe(-1);
    expect(press('jl')).toBe(-0.5);
  });

  it('stops on K whatever the rate, and labels the rate', () => {
    expect(press('lllk')).toBe(0);
    expect(press('jjk')).toBe(0);
    expect(shuttleLabel(-2)).toBe('◀ 2×');
    expect(shuttleLabel(0.5)).toBe('▶ 0.5×');
    expect(shuttleLabel(0)).toBe('stopped');
  });
});
