// Calendar dates as the catalog writes them (ISO `YYYY-MM-DD`), in the creator's time zone:
// a shutdown "on the 24th" has passed once it is the 25th where they are.

/** Today's local date as `YYYY-MM-DD`. */
export function today(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
