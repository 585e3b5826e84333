/**
 * Admin web sessions: signing in with an account's password, or with the bootstrap admin token, opens a session of
 * SESSION_HOURS; the cookie carries a random session token of which only the SHA-256 is stored, and each session
 * has its own CSRF token for its forms. Failed sign-ins count against the client's address and the account.
 */
import { BOOTSTRAP_ADMIN, type Principal } from '../domain/permissions.ts';
import type { AdminSession } from '../storage/session-store.ts';
import type { Store } from '../storage/store.ts';
import { principalOf } from './authenticate.ts';
import { PBKDF2_ITERATIONS, verifyPassword } from './passwords.ts';
import { accountKey, addressKey, RateLimited, recordFailure, retryAfter } from './rate-limit.ts';
import { matchesHash, randomToken, sha256Hex } from './secrets.ts';

export const SESSION_HOURS = 12;
export const SESSION_ACTOR = BOOTSTRAP_ADMIN.id;

export interface OpenedSession {
  /** The cookie's value: shown to the browser once, stored only as a hash. */
  token: string;
  session: AdminSession;
}

export interface SignInForm {
  /** The bootstrap admin token… */
  token?: string | undefined;
  /** …or an account and its password. */
  account?: string | undefined;
  password?: string | undefined;
}

export interface SignInContext {
  store: Store;
  adminTokenHash: string;
  pepper: string | undefined;
  now: Date;
  address: string;
}

/** A well-formed hash no password matches: an unknown account costs the same time as a wrong password. */
const NO_PASSWORD = `pbkdf2-sha256$${PBKDF2_ITERATIONS}$${'A'.repeat(22)}$${'A'.repeat(43)}`;

/** The actor of the session the form opens, or null when its secret is wrong. */
async function actorOf(ctx: SignInContext, form: SignInForm): Promise<string | null> {
  if (form.account) {
    if (!ctx.pepper || !form.password) return null;
    const account = await ctx.store.accounts.get(form.account);
    const usable = account?.password && !account.disabledAt ? account.password : null;
    const matches = await verifyPassword(form.password, ctx.pepper, usable ?? NO_PASSWORD);
    return matches && usable && account ? account.id : null;
  }
  if (form.token && (await matchesHash(form.token, ctx.adminTokenHash))) return SESSION_ACTOR;
  return null;
}

/** Opens a session for a right secret; null for a wrong one. Throws RateLimited while the limit holds. */
export async function signIn(ctx: SignInContext, form: SignInForm): Promise<OpenedSession | null> {
  const { store, now } = ctx;
  const keys = [addressKey(ctx.address), ...(form.account ? [accountKey(form.account)] : [])];
  const wait = await retryAfter(store, keys, now);
  if (wait !== null) throw new RateLimited(wait);
  const actor = await actorOf(ctx, form);
  if (!actor) {
    await recordFailure(store, keys, now);
    return null;
  }
  if (form.account) await store.authFailures.clear(accountKey(form.account));
  return openSession(store, actor, now);
}

/** Opens a session of SESSION_HOURS for `actor` (its secret already checked): password, admin token or e-mail link. */
export async function openSession(store: Store, actor: string, now: Date): Promise<OpenedSession> {
  await store.sessions.prune(now.toISOString());
  const token = randomToken();
  const session: AdminSession = {
    tokenHash: await sha256Hex(token),
    csrfToken: randomToken(),
    actor,
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

/** Who a session acts for; null once its account is disabled or gone. */
export async function principalOfSession(
  store: Store,
  session: AdminSession,
): Promise<Principal | null> {
  if (session.actor === SESSION_ACTOR) return BOOTSTRAP_ADMIN;
  const account = await store.accounts.get(session.actor);
  return account && !account.disabledAt ? principalOf(account) : null;
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
