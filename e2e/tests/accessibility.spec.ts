import { test } from './fixtures';
import { endTour, prepareTour, STOPS } from './tour';
import { expectAccessible, screenshot, SCREENSHOT_VIEWPORT } from './ui';

/*
 * axe on every page and dialog of the plugin, in the light theme at the screenshots' fixed
 * viewport. With DRS_SCREENSHOTS=1 (npm run screenshots) the same walk refreshes docs/images.
 * One walk, one sign-in and one set of drills: each stop is a step, and a stop's violations
 * fail the test without hiding the next stops'.
 */

test.use({ viewport: SCREENSHOT_VIEWPORT });

test('every page and dialog of the plugin passes axe without a serious or critical violation', async ({
  signedIn: page,
  request,
}) => {
  test.setTimeout(STOPS.length * 30_000 + 120_000);
  const data = await prepareTour(request);
  try {
    for (const stop of STOPS) {
      await test.step(stop.name, async () => {
        await stop.open(page, data);
        // dialogs fade and grow in: let them settle before reading colours and boxes
        await page.waitForTimeout(400);
        if (stop.screenshot) await screenshot(page, stop.name);
        await expectAccessible(page, stop.name);
        await stop.close?.(page);
      });
    }
  } finally {
    await endTour(request, data);
  }
});
