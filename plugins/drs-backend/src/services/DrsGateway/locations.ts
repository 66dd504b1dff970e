import { DrsLocation } from './types';

/** One key per account and region, for grouping and caching by location. */
export function locationKey(location: DrsLocation): string {
  return `${location.accountId ?? 'default'}/${location.region}`;
}
