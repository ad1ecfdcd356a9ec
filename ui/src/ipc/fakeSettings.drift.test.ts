// The fake's settings answer exactly as the core did (fixtures/settings.gen.json, written by
// `cargo test -p dailies-tests --test scenarios ui_fixtures`).
import { describe, expect, it } from 'vitest';
import fixture from './fixtures/settings.gen.json';
import { fakeSettings } from './fakeSettings';

describe('fake settings follow the core', () => {
  it('lists the same settings with the same defaults', async () => {
    expect(await fakeSettings().listSettings()).toEqual(fixture.entries);
  });

  for (const c of fixture.cases) {
    it(`set ${c.key} = ${JSON.stringify(c.value)}`, async () => {
      const settings = fakeSettings();
      const answer = await settings.setSetting(c.key, c.value).then(
        (entry) => ({ entry }),
        (error) => ({ error }),
      );
      expect(answer).toEqual(c.answer);
    });
  }
});
