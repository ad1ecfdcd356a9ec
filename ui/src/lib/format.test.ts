import { describe, expect, it } from 'vitest';
import { excerpt, formatElapsed, formatLatency, formatProbe, formatRelativeTime, formatSeconds, formatUsd, formatUsdPerSecond } from './format';

describe('formatUsd', () => {
  it('shows cents', () => {
    expect(formatUsd(0.84)).toBe('$0.84');
    expect(formatUsd(2.1)).toBe('$2.10');
    expect(formatUsd(0)).toBe('$0.00');
  });
  it('keeps sub-cent amounts visible', () => {
    expect(formatUsd(0.005)).toBe('$0.005');
  });
});

describe('formatUsdPerSecond', () => {
  it('uses three decimals only when needed', () => {
    expect(formatUsdPerSecond(0.168)).toBe('$0.168/s');
    expect(formatUsdPerSecond(0.1)).toBe('$0.10/s');
    expect(formatUsdPerSecond(0.42)).toBe('$0.42/s');
  });
});

describe('durations', () => {
  it('formats measured spans in seconds, then minutes', () => {
    expect(formatSeconds(58_200)).toBe('58.2 s');
    expect(formatSeconds(2_100)).toBe('2.1 s');
    expect(formatSeconds(125_000)).toBe('2 m 05 s');
  });
  it('formats a ticking clock', () => {
    expect(formatElapsed(7_900)).toBe('0:07');
    expect(formatElapsed(83_000)).toBe('1:23');
    expect(formatElapsed(-50)).toBe('0:00');
  });
  it('formats latency phases that are known', () => {
    expect(formatLatency({ total: 58_200, queued: 12_100, generating: 44_000, downloading: 2_100 })).toBe(
      '58.2 s · queue 12.1 s · gen 44.0 s · dl 2.1 s',
    );
    expect(formatLatency({ total: null, queued: 700, generating: null, downloading: null })).toBe('queue 0.7 s');
    expect(formatLatency({ total: null, queued: null, generating: null, downloading: null })).toBe('');
  });
});

describe('formatProbe', () => {
  it('describes the probed file', () => {
    expect(formatProbe({ width: 1920, height: 1080, duration_s: 5, has_audio: true })).toBe('1920×1080 · 5.0 s · audio');
    expect(formatProbe({ width: 720, height: 1280, duration_s: 4.04, has_audio: false })).toBe('720×1280 · 4.0 s · silent');
    expect(formatProbe({ width: null, height: null, duration_s: null, has_audio: null })).toBe('');
  });
});

describe('formatRelativeTime', () => {
  const now = Date.parse('2026-08-20T12:00:00Z');
  it('words recent times', () => {
    expect(formatRelativeTime('2026-08-20T11:59:40Z', now)).toBe('just now');
    expect(formatRelativeTime('2026-08-20T11:55:00Z', now)).toBe('5 min ago');
    expect(formatRelativeTime('2026-08-20T09:00:00Z', now)).toBe('3 h ago');
    expect(formatRelativeTime('2026-08-19T10:00:00Z', now)).toBe('yesterday');
    expect(formatRelativeTime('not a date', now)).toBe('');
  });
});

describe('excerpt', () => {
  it('cuts at a word boundary', () => {
    expect(excerpt('A lighthouse keeper climbs the spiral stairs', 24)).toBe('A lighthouse keeper…');
    expect(excerpt('  short   text ', 24)).toBe('short text');
  });
});
