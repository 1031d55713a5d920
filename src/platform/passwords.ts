/** Password hashing with argon2id (OWASP parameters: 19 MiB memory, 2 iterations, 1 lane). */
import argon2 from 'argon2';

const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies a password. With no stored hash (unknown account, or an identity-provider-only account) it still does
 * the same work against a dummy hash, so timing does not reveal which accounts exist.
 */
export async function verifyPassword(storedHash: string | null | undefined, password: string): Promise<boolean> {
  if (!storedHash) {
    dummyHash ??= hashPassword('threshold-dummy-password');
    await argon2.verify(await dummyHash, password).catch(() => false);
    return false;
  }
  try {
    return await argon2.verify(storedHash, password);
  } catch {
    return false;
  }
}

/** What a new password must satisfy (NCSC guidance: length over complexity). */
export function passwordProblem(password: string): string | null {
  if (password.length < 12) return 'Password must be 12 characters or more';
  if (password.length > 256) return 'Password must be 256 characters or fewer';
  if (/^(.)\1+$/.test(password)) return 'Password must not be one character repeated';
  return null;
}
