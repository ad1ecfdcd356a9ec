// Tests that need a route the core's catalog does not have (yet) edit a copy of it here,
// so what they change is visible at the call site and everything else stays real.
import type { ModelInfo, RouteInfo } from '../src/ipc/bindings.gen';
import { fakeCatalog } from '../src/ipc/fakeCatalog';

/** The core's catalog with `model@route` changed by `patch`. */
export function catalogWith(key: string, patch: Partial<RouteInfo>): ModelInfo[] {
  const [id, route] = key.split('@');
  const catalog = fakeCatalog();
  const target = catalog.find((m) => m.id === id)?.routes.find((r) => r.route === route);
  if (!target) throw new Error(`no ${key} in the core catalog`);
  Object.assign(target, patch);
  return catalog;
}
