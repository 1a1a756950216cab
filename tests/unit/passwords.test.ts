// Password hashing: scrypt with a fresh salt each time, verified in constant time, never the password itself.

import { describe, expect, it } from 'vitest';
import { hashPassword, verifyAgainstDecoy, verifyPassword } from '../../server/accounts/passwords.js';

describe('passwords', () => {
  it('hashes with scrypt and a fresh salt, and verifies only the right password', async () => {
    const first = await hashPassword('correct horse battery staple');
    const second = await hashPassword('correct horse battery staple');
    expect(first).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain('correct horse');
    expect(await verifyPassword('correct horse battery staple', first)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', first)).toBe(false);
    expect(await verifyPassword('', first)).toBe(false);
  });

  it('treats the same letters written in different Unicode forms as the same password', async () => {
    const hash = await hashPassword('Siân'.normalize('NFC'));
    expect(await verifyPassword('Siân'.normalize('NFD'), hash)).toBe(true);
  });

  it('refuses hashes it does not recognise, and the decoy never matches', async () => {
    expect(await verifyPassword('anything', 'md5$abc')).toBe(false);
    expect(await verifyPassword('anything', '')).toBe(false);
    expect(await verifyAgainstDecoy('anything')).toBe(false);
  });
});
