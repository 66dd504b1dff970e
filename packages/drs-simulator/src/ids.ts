import { createHash } from 'crypto';
import { Dice } from './dice';

const HEX = '0123456789abcdef';

function randomHex(dice: Dice, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    out += HEX[Math.floor(dice.next() * 16)];
  }
  return out;
}

function hashHex(parts: string[], length: number): string {
  return createHash('sha256')
    .update(parts.join('\u0000'))
    .digest('hex')
    .slice(0, length);
}

/** IDs in the formats of the DRS model: a prefix and hex characters. */
const ID_FORMAT = {
  sourceServer: { prefix: 's-', hexLength: 17 },
  job: { prefix: 'drsjob-', hexLength: 17 },
  ec2Instance: { prefix: 'i-', hexLength: 17 },
  recoverySnapshot: { prefix: 'pit-', hexLength: 17 },
  ebsSnapshot: { prefix: 'snap-', hexLength: 17 },
  launchTemplate: { prefix: 'lt-', hexLength: 17 },
  // The model caps EbsVolumeID at 19 characters, which only the short form fits.
  ebsVolume: { prefix: 'vol-', hexLength: 8 },
} as const;

export type IdKind = keyof typeof ID_FORMAT;

/** A fresh ID drawn from the seeded dice. */
export function newId(dice: Dice, kind: IdKind): string {
  const { prefix, hexLength } = ID_FORMAT[kind];
  return prefix + randomHex(dice, hexLength);
}

/** 32 hex characters in the 8-4-4-4-12 form of a UUID. */
export function asUuid(hex: string): string {
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    hex.slice(12, 16),
    hex.slice(16, 20),
    hex.slice(20, 32),
  ].join('-');
}

/** A UUID drawn from the seeded dice: SSM's execution IDs have this form. */
export function newUuid(dice: Dice): string {
  return asUuid(randomHex(dice, 32));
}

/** An ID that is always the same for the same inputs (e.g. a server's ID from its hostname). */
export function stableId(kind: IdKind, ...parts: string[]): string {
  const { prefix, hexLength } = ID_FORMAT[kind];
  return prefix + hashHex([kind, ...parts], hexLength);
}

/** Stable hex characters for the inputs: MAC addresses, UUIDs and the like. */
export function stableHex(length: number, ...parts: string[]): string {
  return hashHex(parts, length);
}

/** A stable number in [0, 1) for the inputs: hardware sizes and the like. */
export function stableFraction(...parts: string[]): number {
  return parseInt(hashHex(parts, 8), 16) / 0x100000000;
}

/** The source server ID DRS would have given a server the inventory names only by hostname. */
export function deriveSourceServerId(
  accountId: string,
  region: string,
  hostname: string,
): string {
  return stableId('sourceServer', accountId, region, hostname);
}
