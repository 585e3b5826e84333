import { afterEach, describe, expect, it, vi } from 'vitest';
import { hashPassword, PBKDF2_ITERATIONS, verifyPassword } from '../../src/services/passwords.ts';

const PEPPER = 'pepper-0123456789abcdefghijklmnopqrstuv';
/** What production Workers accept (workerd#1346); local workerd and Node accept more, so the test enforces it. */
const WORKERS_PBKDF2_CEILING = 100_000;

afterEach(() => {
  vi.restoreAllMocks();
});

/** Makes this process's PBKDF2 refuse counts above the ceiling, as a deployed Worker does. */
function behaveLikeProductionWorkers(): number[] {
  const counts: number[] = [];
  const original = crypto.subtle.deriveBits.bind(crypto.subtle);
  vi.spyOn(crypto.subtle, 'deriveBits').mockImplementation((algorithm, key, length) => {
    const iterations = (algorithm as { iterations: number }).iterations;
    counts.push(iterations);
    if (iterations > WORKERS_PBKDF2_CEILING)
      return Promise.reject(
        new Error('Pbkdf2 failed: iteration counts above 100000 are not supported'),
      );
    return original(algorithm, key, length);
  });
  return counts;
}

describe('account passwords', () => {
  it('hash and verify within the production Workers ceiling, naming scheme and count with the hash', async () => {
    const counts = behaveLikeProductionWorkers();
    const stored = await hashPassword('mật khẩu đủ dài 2024', PEPPER);
    expect(stored).toMatch(/^pbkdf2-sha256\$100000\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword('mật khẩu đủ dài 2024', PEPPER, stored)).toBe(true);
    expect(counts).toEqual([PBKDF2_ITERATIONS, PBKDF2_ITERATIONS]);
    expect(Math.max(...counts)).toBeLessThanOrEqual(WORKERS_PBKDF2_CEILING);
  });

  it('refuses a wrong password, the right password under another pepper, and a hash it cannot read', async () => {
    const stored = await hashPassword('mat-khau-dung-1', PEPPER);
    expect(await verifyPassword('mat-khau-dung-2', PEPPER, stored)).toBe(false);
    expect(await verifyPassword('mat-khau-dung-1', `${PEPPER}x`, stored)).toBe(false);
    const raised = stored.replace('$100000$', '$600000$');
    expect(await verifyPassword('mat-khau-dung-1', PEPPER, raised)).toBe(false);
    expect(await verifyPassword('mat-khau-dung-1', PEPPER, 'bcrypt$10$x$y')).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same-password-1', PEPPER)).not.toBe(
      await hashPassword('same-password-1', PEPPER),
    );
  });
});
