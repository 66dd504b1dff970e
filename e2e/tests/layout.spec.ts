import { APIRequestContext } from '@playwright/test';
import { expect, test } from './fixtures';
import { endTour, prepareTour, STOPS, TourData } from './tour';
import { expectLayoutHolds, layoutFaults, shownTheme, ThemeId } from './ui';

/*
 * Each page and dialog of the plugin at 1280 and 1440 px wide, in Backstage's light and dark
 * themes: no horizontal page scroll, buttons, chips and tabs on one line, and no word broken
 * mid-word (a browser may break at spaces and after hyphens, nowhere else).
 */

const WIDTHS = [
  { width: 1280, height: 900 },
  { width: 1440, height: 1000 },
];
const THEMES: ThemeId[] = ['light', 'dark'];

/**
 * Stops whose layout is known to break, with what breaks: skipped (and listed in the report)
 * until the components' fix lands; remove an entry to hold the page to the check again.
 */
const KNOWN_FAULTS: Record<string, string> = {};

let api: APIRequestContext;
let data: TourData;

test.beforeAll(async ({ playwright }) => {
  test.setTimeout(240_000);
  api = await playwright.request.newContext();
  data = await prepareTour(api);
});

test.afterAll(async () => {
  if (data) await endTour(api, data);
  await api?.dispose();
});

test('the layout check sees a word broken mid-word and a button that wraps', async ({
  page,
}) => {
  // the check itself, on a page made to fail it: a narrow box breaks a word and a button
  await page.setContent(`
    <main>
      <div style="width: 60px; overflow-wrap: anywhere">COMPLETED</div>
      <button style="width: 30px; overflow-wrap: anywhere">START</button>
      <div style="width: 60px">two words and long-hyphenated-words</div>
    </main>`);
  const faults = await layoutFaults(page, 'main');
  expect(faults.broken.map(b => b.text)).toEqual(['COMPLETED', 'START']);
  expect(faults.wrapped.map(w => w.text)).toEqual(['START']);
  expect(faults.horizontalScroll).toBeUndefined();
});

for (const stop of STOPS) {
  test(`${stop.name} holds its layout at 1280 and 1440 px, light and dark`, async ({
    signedIn: page,
  }) => {
    test.fixme(stop.name in KNOWN_FAULTS, KNOWN_FAULTS[stop.name]);
    for (const theme of THEMES) {
      // the app reads the theme at load, where the settings page's switch stores it
      await page.evaluate(id => localStorage.setItem('theme', id), theme);
      await page.setViewportSize(WIDTHS[0]);
      await stop.open(page, data);
      expect(await shownTheme(page)).toBe(theme);
      for (const size of WIDTHS) {
        await test.step(`${theme}, ${size.width} px`, async () => {
          await page.setViewportSize(size);
          // dialogs fade and grow in; tables re-measure on resize
          await page.waitForTimeout(400);
          await expectLayoutHolds(
            page,
            `${stop.name}, ${theme}, ${size.width} px`,
          );
        });
      }
      await stop.close?.(page);
    }
  });
}
