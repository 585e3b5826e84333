/**
 * Admin web sessions: signing in with the admin token opens a session of SESSION_HOURS; the cookie carries a random
 * session token of which only the SHA-256 is stored, and each session has its own CSRF token for its forms.
 */
import type { Store } from '../storage/store.ts';
import type { AdminSession } from '../storage/session-store.ts';
import { matchesHash, randomToken, sha256Hex } from './secrets.ts';

export const SESSION_HOURS = 12;
export const SESSION_ACTOR = 'admin';

export interface OpenedSession {
  /** The cookie's value: shown to the browser once, stored only as a hash. */
  token: string;
  session: AdminSession;
}

/** Opens a session when `presented` is the admin token; null otherwise (the caller shows the sign-in page again). */
export async function signIn(
  store: Store,
  adminTokenHash: string,
  presented: string,
  now: Date,
): Promise<OpenedSession | null> {
  if (!presented || !(await matchesHash(presented, adminTokenHash))) return null;
  await store.sessions.prune(now.toISOString());
  const token = randomToken();
  const session: AdminSession = {
    tokenHash: await sha256Hex(token),
    csrfToken: randomToken(),
    actor: SESSION_ACTOR,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString(),
  };
  await store.sessions.create(session);
  return { token, session };
}

export async function sessionOf(
  store: Store,
  token: string | undefined,
  now: Date,
): Promise<AdminSession | null> {
  if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  return store.sessions.find(await sha256Hex(token), now.toISOString());
}

export async function signOut(store: Store, token: string | undefined): Promise<void> {
  if (token) await store.sessions.delete(await sha256Hex(token));
}

/** Compares the CSRF token of a form with the session's in full (no early exit). */
export function csrfMatches(session: AdminSession, presented: unknown): boolean {
  if (typeof presented !== 'string' || presented.length !== session.csrfToken.length) return false;
  let difference = 0;
  for (let index = 0; index < presented.length; index++)
    difference |= presented.charCodeAt(index) ^ session.csrfToken.charCodeAt(index);
  return difference === 0;
}
