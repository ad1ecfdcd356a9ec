// A creator's own price for a model+route, in the shape the catalog stores prices.
import type { PriceSpec } from '../ipc/bindings.gen';

/**
 * One flat $/s rule replacing the shipped ones (which may vary by resolution and audio).
 * The token and unit conversions are kept: they turn what a provider reports as billed
 * into dollars and do not depend on what the creator pays per second.
 */
export function customPrice(usdPerSecond: number, shipped: PriceSpec, asOf: string): PriceSpec {
  const spec: PriceSpec = { rules: [{ usd_per_second: usdPerSecond }], source: 'custom', as_of: asOf };
  if (shipped.usd_per_unit != null) spec.usd_per_unit = shipped.usd_per_unit;
  if (shipped.usd_per_million_tokens != null) spec.usd_per_million_tokens = shipped.usd_per_million_tokens;
  return spec;
}

/** Why a typed $/s cannot be saved, or null when it can. */
export function priceProblem(text: string): string | null {
  if (!text.trim()) return 'Enter a price per second.';
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) return 'A price is a number of dollars per second, 0 or more.';
  if (value > 100) return 'That is over $100 per second; check the decimal point.';
  return null;
}
