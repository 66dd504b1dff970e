import { Settings } from 'luxon';

/**
 * Shows times, in the enclosing describe block, as a viewer in `zone` with the en-GB locale
 * sees them, whatever the machine running the tests is set to.
 */
export function viewTimesIn(zone: string) {
  const originalZone = Settings.defaultZone;
  beforeAll(() => {
    Settings.defaultLocale = 'en-GB';
    Settings.defaultZone = zone;
  });
  afterAll(() => {
    Settings.defaultZone = originalZone;
  });
}
