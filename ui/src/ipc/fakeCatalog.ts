// The fake backend's catalog is the core's own, exported by tests/scenarios/ui_fixtures.rs
// (which fails when this file is stale): the demo and every UI test see the real models,
// routes, allowed values and prices, never a hand-kept copy.
import type { ModelInfo } from './bindings.gen';
import catalogJson from './fixtures/catalog.gen.json';

export function fakeCatalog(): ModelInfo[] {
  return structuredClone(catalogJson as unknown as ModelInfo[]);
}
