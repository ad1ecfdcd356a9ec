// The fake backend's prompt advice: a small evaluator of the core's own rules, exported with
// the core's answers to a spread of prompts into fixtures/lint.gen.json by
// tests/scenarios/lint.rs. fakeLint.drift.test.ts replays those answers, so a rule or an
// evaluation change in Rust that this file does not follow fails there.
import type { CanonicalParams, LintRequest, LintWarning, ModelAdvice, RouteId } from './bindings.gen';
import lintJson from './fixtures/lint.gen.json';
import { invalid } from './fakeErrors';

type Field = 'negative' | 'seed' | 'cfg';
type Rule = { code: string; message: string; source: string } & (
  | { kind: 'max_tokens' | 'max_chars'; limit: number }
  | { kind: 'mentions' | 'lacks'; pattern: string }
  | { kind: 'ignored_fields'; fields: Field[] }
  | { kind: 'unbound_elements' }
);
type RouteFacts = { key: string; model_name: string; rules: string[]; inputs: Record<Field, boolean> };
export type LintFixture = { rules: Rule[]; routes: RouteFacts[]; cases: { request: LintRequest; answer: ModelAdvice[] }[] };

export const lintFixture = lintJson as unknown as LintFixture;
const LABELS: Record<Field, string> = { negative: 'Negative prompt', seed: 'Seed', cfg: 'CFG scale' };

/** Words × 1.3, rounded up, in integers: the core's `approx_tokens`. */
export function approxTokens(text: string): number {
  const words = text.split(/\s+/).filter((w) => w.length > 0).length;
  return Math.floor((words * 13 + 9) / 10);
}

function ignored(params: CanonicalParams, inputs: Record<Field, boolean>): Field[] {
  const set: Record<Field, boolean> = {
    negative: (params.negative_prompt ?? '').trim() !== '' && !inputs.negative,
    seed: params.seed != null && !inputs.seed,
    cfg: params.cfg_scale != null && !inputs.cfg,
  };
  return (Object.keys(set) as Field[]).filter((f) => set[f]);
}

function adviseOne(facts: RouteFacts, rules: Map<string, Rule>, params: CanonicalParams): ModelAdvice {
  const [model, route] = facts.key.split('@');
  const prompt = params.prompt;
  const tokens = approxTokens(prompt);
  const chars = prompt.length;
  const advice: ModelAdvice = { model, route: route as RouteId, tokens, token_limit: null, chars, char_limit: null, warnings: [] };
  const skipped = ignored(params, facts.inputs);
  for (const code of facts.rules) {
    const rule = rules.get(code);
    if (!rule) continue;
    const fill = (extra: Record<string, string>) =>
      Object.entries(extra).reduce(
        (text, [key, value]) => text.replaceAll(`{${key}}`, value),
        rule.message.replaceAll('{model}', facts.model_name).replaceAll('{route}', route),
      );
    const warn = (c: string, message: string): void => {
      advice.warnings.push({ code: c, message, source: rule.source } satisfies LintWarning);
    };
    switch (rule.kind) {
      case 'max_tokens':
        advice.token_limit = Math.min(advice.token_limit ?? rule.limit, rule.limit);
        if (tokens > rule.limit) warn(rule.code, fill({ tokens: String(tokens), limit: String(rule.limit) }));
        break;
      case 'max_chars':
        advice.char_limit = Math.min(advice.char_limit ?? rule.limit, rule.limit);
        if (chars > rule.limit) warn(rule.code, fill({ chars: String(chars), limit: String(rule.limit) }));
        break;
      case 'mentions': {
        const found = new RegExp(rule.pattern, 'i').exec(prompt);
        if (found) warn(rule.code, fill({ match: found[0] }));
        break;
      }
      case 'lacks':
        if (prompt.trim() !== '' && !new RegExp(rule.pattern, 'i').test(prompt)) warn(rule.code, fill({}));
        break;
      case 'unbound_elements': {
        // The core's `element_mentions`: `@ElementN` (any case) beyond the elements attached.
        const attached = params.elements?.length ?? 0;
        const unbound = [...prompt.matchAll(/@element(\d+)/gi)].map((m) => Number(m[1])).find((n) => n === 0 || n > attached);
        if (unbound !== undefined) warn(rule.code, fill({ match: `@Element${unbound}`, attached: String(attached) }));
        break;
      }
      case 'ignored_fields':
        for (const field of rule.fields.filter((f) => skipped.includes(f))) {
          warn(`${rule.code}:${field}`, fill({ field: LABELS[field] }));
        }
        break;
    }
  }
  return advice;
}

/** The fake `lint_prompt`: a model without `@route` takes its first route, as the fake planner does. */
export function lintAdvice(request: LintRequest, fixture: LintFixture = lintFixture): ModelAdvice[] {
  const rules = new Map(fixture.rules.map((r) => [r.code, r]));
  return request.models.map((spec) => {
    const [id, route] = spec.split('@');
    const facts = fixture.routes.find((r) => (route ? r.key === `${id}@${route}` : r.key.startsWith(`${id}@`)));
    if (!facts) throw invalid(`model: unknown model '${spec}'`);
    return adviseOne(facts, rules, request.params);
  });
}
