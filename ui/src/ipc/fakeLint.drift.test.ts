// The fake's prompt advice against the core's: every request tests/scenarios/lint.rs answered,
// replayed through lintAdvice on the same exported rules.
import { describe, expect, it } from 'vitest';
import { lintAdvice, lintFixture } from './fakeLint';

describe('fake lint vs the core lint', () => {
  it('covers every model@route and rule', () => {
    expect(lintFixture.routes.length).toBeGreaterThan(40);
    const heard = new Set(lintFixture.routes.flatMap((r) => r.rules));
    for (const rule of lintFixture.rules) expect(heard.has(rule.code), rule.code).toBe(true);
  });

  it.each(lintFixture.cases.map((c, i) => [`case ${i}: ${c.request.params.prompt.slice(0, 30)}`, c] as const))('%s', (_, c) => {
    expect(lintAdvice(c.request)).toEqual(c.answer);
  });

  it('says which prompts trigger warnings at all (the cases are not all quiet)', () => {
    const warned = lintFixture.cases.filter((c) => c.answer.some((a) => a.warnings.length > 0));
    expect(warned.length).toBeGreaterThan(4);
  });
});
