import { automationClientToken, sha1, uuidV5 } from './clientToken';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const encode = (text: string) => new TextEncoder().encode(text);

describe('the ClientToken of an automation step', () => {
  it('hashes with SHA-1 as FIPS 180-4 says, across block boundaries', () => {
    expect(hex(sha1(encode('')))).toBe(
      'da39a3ee5e6b4b0d3255bfef95601890afd80709',
    );
    expect(hex(sha1(encode('abc')))).toBe(
      'a9993e364706816aba3e25717850c26c9cd0d89d',
    );
    expect(
      hex(
        sha1(
          encode('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'),
        ),
      ),
    ).toBe('84983e441c3bd26ebaae4aa1f95129e5e54670f1');
    expect(hex(sha1(new Uint8Array(1000).fill(97)))).toBe(
      '291e9a6c66994949b57ba5e650361e98fc36b1ba',
    );
  });

  it('is a version 5 UUID as RFC 9562 derives it', () => {
    // The DNS namespace and name of RFC 9562's example, as Python's uuid.uuid5 computes it.
    expect(
      uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8'),
    ).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('is what SSM takes, 36 characters of a UUID, and the same for the same step only', () => {
    const token = automationClientToken('exec-1', 0, 'after', 2);
    expect(token).toBe('1e62e2f9-eca5-51aa-82a5-69c4e50ee3ba');
    expect(token).toHaveLength(36);
    expect(token).toMatch(
      /^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$/,
    );
    expect(automationClientToken('exec-1', 0, 'after', 2)).toBe(token);
    const others = [
      automationClientToken('exec-2', 0, 'after', 2),
      automationClientToken('exec-1', 1, 'after', 2),
      automationClientToken('exec-1', 0, 'before', 2),
      automationClientToken('exec-1', 0, 'after', 1),
    ];
    expect(new Set([token, ...others]).size).toBe(5);
  });
});
