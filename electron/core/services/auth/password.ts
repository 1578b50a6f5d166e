/**
 * Password hashes: scrypt (node:crypto, no dependency) with a random salt per account.
 * The cost parameters are written into the stored string, so they can be raised later
 * without making the passwords already set unreadable.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** 32 MiB and about 0.1 s per try on an office PC: slow for guessing, quick enough for one unlock. */
const cost = { N: 2 ** 15, r: 8, p: 1 };
const keyLength = 32;

function derive(password: string, salt: Buffer, options: ScryptOptions, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxmem above 128·N·r, which Node's default (32 MiB) leaves no room for at N = 2^15.
    scrypt(password.normalize('NFC'), salt, length, { ...options, maxmem: 256 * (options.N ?? 0) * (options.r ?? 0) + 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, cost, keyLength);
  return `scrypt$N=${cost.N},r=${cost.r},p=${cost.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** False for a wrong password and for a stored string this version cannot read. */
export async function passwordMatches(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 4 || parts[0] !== 'scrypt') return false;
  const params = Object.fromEntries(parts[1]!.split(',').map((kv) => kv.split('=')).map(([k, v]) => [k, Number(v)]));
  const { N, r, p } = params as Record<string, number | undefined>;
  if (!N || !r || !p) return false;
  const salt = Buffer.from(parts[2]!, 'base64');
  const expected = Buffer.from(parts[3]!, 'base64');
  if (expected.length === 0) return false;
  const key = await derive(password, salt, { N, r, p }, expected.length);
  return timingSafeEqual(key, expected);
}
