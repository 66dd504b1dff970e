/*
 * The ClientToken of a step's StartAutomationExecution: a name-based UUID (RFC 9562 version 5,
 * SHA-1) of the execution, wave, phase and step, so every engine and every retry sends the same
 * token for a step, and SSM answers a repeated call with the automation it already started.
 * SHA-1 is written out here because this package runs in browsers too, without node:crypto.
 */
import { StepPhase } from '../stepTypes';

/** This product's namespace for the names it hashes into client tokens (a fixed random UUID). */
const CLIENT_TOKEN_NAMESPACE = '3f1c2e0a-8b7d-4c55-9a61-2d4e7b9c0f13';

function rotateLeft(value: number, bits: number): number {
  return (value << bits) | (value >>> (32 - bits));
}

/** The message padded to whole 64-byte blocks, ending in its length in bits (FIPS 180-4, 5.1.1). */
function padded(message: Uint8Array): DataView {
  const length = Math.ceil((message.length + 9) / 64) * 64;
  const bytes = new Uint8Array(length);
  bytes.set(message);
  bytes[message.length] = 0x80;
  const view = new DataView(bytes.buffer);
  view.setUint32(length - 8, Math.floor(message.length / 0x20000000));
  view.setUint32(length - 4, (message.length * 8) >>> 0);
  return view;
}

/** SHA-1 of the bytes (FIPS 180-4, 6.1). */
export function sha1(message: Uint8Array): Uint8Array {
  const view = padded(message);
  const hash = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
  const words = new Array<number>(80);
  for (let block = 0; block < view.byteLength; block += 64) {
    for (let t = 0; t < 16; t++) words[t] = view.getUint32(block + t * 4);
    for (let t = 16; t < 80; t++) {
      words[t] = rotateLeft(
        words[t - 3] ^ words[t - 8] ^ words[t - 14] ^ words[t - 16],
        1,
      );
    }
    let [a, b, c, d, e] = hash;
    for (let t = 0; t < 80; t++) {
      let f: number;
      let k: number;
      if (t < 20) [f, k] = [(b & c) | (~b & d), 0x5a827999];
      else if (t < 40) [f, k] = [b ^ c ^ d, 0x6ed9eba1];
      else if (t < 60) [f, k] = [(b & c) | (b & d) | (c & d), 0x8f1bbcdc];
      else [f, k] = [b ^ c ^ d, 0xca62c1d6];
      const next = (rotateLeft(a, 5) + f + e + k + words[t]) >>> 0;
      [e, d, c, b, a] = [d, c, rotateLeft(b, 30) >>> 0, a, next];
    }
    hash[0] = (hash[0] + a) >>> 0;
    hash[1] = (hash[1] + b) >>> 0;
    hash[2] = (hash[2] + c) >>> 0;
    hash[3] = (hash[3] + d) >>> 0;
    hash[4] = (hash[4] + e) >>> 0;
  }
  const digest = new DataView(new ArrayBuffer(20));
  hash.forEach((word, i) => digest.setUint32(i * 4, word));
  return new Uint8Array(digest.buffer);
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, byte => byte.toString(16).padStart(2, '0')).join('');
}

/** The version 5 UUID of a name in a namespace (RFC 9562, 5.5), lower case. */
export function uuidV5(name: string, namespace: string): string {
  const namespaceBytes = Uint8Array.from(
    namespace.replace(/-/g, '').match(/../g)!,
    pair => parseInt(pair, 16),
  );
  const nameBytes = new TextEncoder().encode(name);
  const input = new Uint8Array(namespaceBytes.length + nameBytes.length);
  input.set(namespaceBytes);
  input.set(nameBytes, namespaceBytes.length);
  const bytes = sha1(input).slice(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const digits = hex(bytes);
  return [
    digits.slice(0, 8),
    digits.slice(8, 12),
    digits.slice(12, 16),
    digits.slice(16, 20),
    digits.slice(20),
  ].join('-');
}

/**
 * The ClientToken of a step's automation: the same for the same execution, wave, phase and
 * step index within that phase, whichever engine decides and however often it retries.
 */
export function automationClientToken(
  executionId: string,
  waveIndex: number,
  phase: StepPhase,
  indexInPhase: number,
): string {
  return uuidV5(
    `${executionId}/${waveIndex}/${phase}/${indexInPhase}`,
    CLIENT_TOKEN_NAMESPACE,
  );
}
