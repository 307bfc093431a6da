/**
 * Password hashes with scrypt (node:crypto, no native add-on to build on a government network), stored as a
 * self-describing string so the cost can be raised later without invalidating old hashes:
 *   scrypt$N$r$p$<salt base64url>$<hash base64url>
 */
import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';

interface Cost {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** 2^15 × 8 × 128 B = 32 MiB and ~60–100 ms per hash on one core: slow for a guesser, fine for a login. */
export const DEFAULT_COST: Cost = { N: 32768, r: 8, p: 1 };
const KEY_LENGTH = 32;

function scrypt(password: string, salt: Buffer, cost: Cost): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCb(password.normalize('NFC'), salt, KEY_LENGTH, { ...cost, maxmem: 256 * cost.N * cost.r + 1024 * 1024 }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPassword(password: string, cost: Cost = DEFAULT_COST): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, cost);
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** A hash that matches no password, checked when the login is unknown so that both cases take the same time. */
let dummy: Promise<string> | undefined;

/** Whether `password` matches `stored`; false for a malformed or missing hash (never a throw). */
export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  if (!stored) {
    dummy ??= hashPassword(randomBytes(16).toString('hex'));
    await verifyPassword(password, await dummy);
    return false;
  }
  const m = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([\w-]+)\$([\w-]+)$/.exec(stored);
  if (!m) return false;
  const cost = { N: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  if (cost.N > 2 ** 20 || cost.r > 32 || cost.p > 16) return false;
  const expected = Buffer.from(m[5]!, 'base64url');
  const key = await scrypt(password, Buffer.from(m[4]!, 'base64url'), cost);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** The rules a new password must meet, as a problem code (undefined when it does). */
export function passwordProblem(password: string): string | undefined {
  if (password.length < 10) return 'api-password-too-short';
  if (password.length > 200) return 'api-password-too-long';
  const kinds = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z\d]/].filter((r) => r.test(password)).length;
  return kinds < 3 ? 'api-password-too-simple' : undefined;
}

/** A random password a person can type (first administrator, demo accounts): no look-alike characters. */
export function generatePassword(length = 16): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  for (;;) {
    let out = '';
    // 256 is not a multiple of the alphabet's 56 letters: bytes past the last whole multiple are skipped (no bias).
    for (const b of randomBytes(length * 2)) if (b < 224 && out.length < length) out += alphabet[b % alphabet.length];
    if (out.length === length && /[a-z]/.test(out) && /[A-Z]/.test(out) && /\d/.test(out)) return out;
  }
}
