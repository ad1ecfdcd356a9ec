// The fake planner against the real one: every request the core planned in
// tests/scenarios/ui_fixtures.rs, replayed through planClips on the core's own catalog.
// A change to Rust's planning or pricing that the fake does not follow fails here.
import { describe, expect, it } from 'vitest';
import type { CompareRequest, IpcError, ModelInfo, RunPlan } from './bindings.gen';
import catalogJson from './fixtures/catalog.gen.json';
import plansJson from './fixtures/plans.gen.json';
import { planClips } from './fakePlanner';

type Fixture = { request: CompareRequest; answer: { plan: RunPlan } | { error: IpcError } };

const catalog = catalogJson as unknown as ModelInfo[];
const fixtures = plansJson as unknown as Fixture[];

/** `null` and a missing field mean the same to the UI (Rust's `None`): compare without either. */
function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNulls);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v != null).map(([k, v]) => [k, dropNulls(v)]));
  }
  return value;
}

/** The one image the fixtures name (an element's, committed beside the Rust test). */
const fixtureImages = (path: string) => (path === 'scenarios/fixtures/element.png' ? { format: 'png' as const, width: 64, height: 96 } : undefined);

function fakeAnswer(request: CompareRequest): { plan: RunPlan['clips'] } | { error: Partial<IpcError> } {
  try {
    return { plan: planClips(catalog, request, fixtureImages) };
  } catch (e) {
    const err = e as IpcError;
    return { error: { code: err.code, message: err.message, field: err.field ?? null } };
  }
}

describe('fake planner vs the core planner', () => {
  it('covers every model and route of the core catalog', () => {
    const routes = catalog.reduce((n, m) => n + m.routes.length, 0);
    expect(fixtures.length).toBeGreaterThanOrEqual(routes);
  });

  it.each(fixtures.map((f) => [`${f.request.models[0]}${f.request.strict ? ' strict' : ''} ${JSON.stringify(f.request.params).length}`, f] as const))(
    '%s',
    (_label, fixture) => {
      const fake = fakeAnswer(fixture.request);
      if ('plan' in fixture.answer) {
        expect(dropNulls(fake)).toEqual(dropNulls({ plan: fixture.answer.plan.clips }));
      } else {
        expect(dropNulls(fake)).toEqual(dropNulls({ error: fixture.answer.error }));
      }
    },
  );
});
