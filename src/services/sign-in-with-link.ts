/**
 * Using a one-time sign-in link: opening it only says whether it still works (mail scanners open links); the
 * sign-in itself marks it used and opens the usual session, once. A link past its time, already used, or whose
 * account was disabled since is gone (410); a token we never issued is unknown (404).
 */
import type { Store } from '../storage/store.ts';
import { plainAuditStatement } from '../storage/statements.ts';
import { type OpenedSession, openSession } from './admin-sessions.ts';
import type { ServiceContext } from './context.ts';
import { sha256Hex } from './secrets.ts';

export type LinkRefusal = 'unknown' | 'gone';

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** The link of `token` if it can sign in now, or why it cannot. */
async function usableLink(store: Store, token: string, now: Date) {
  if (!TOKEN_SHAPE.test(token)) return 'unknown';
  const tokenHash = await sha256Hex(token);
  const link = await store.signInLinks.find(tokenHash);
  if (!link) return 'unknown';
  if (link.usedAt || link.expiresAt <= now.toISOString()) return 'gone';
  const account = await store.accounts.get(link.accountId);
  return account && !account.disabledAt ? { tokenHash, accountId: link.accountId } : 'gone';
}

/** Why a link cannot sign in now, or null when it can. */
export async function linkRefusal(
  store: Store,
  token: string,
  now: Date,
): Promise<LinkRefusal | null> {
  const link = await usableLink(store, token, now);
  return typeof link === 'string' ? link : null;
}

export async function signInWithLink(
  ctx: ServiceContext,
  token: string,
): Promise<OpenedSession | LinkRefusal> {
  const now = ctx.now();
  const link = await usableLink(ctx.store, token, now);
  if (typeof link === 'string') return link;
  // The check above read the link; this marks it used only if nobody else did meanwhile.
  if (!(await ctx.store.signInLinks.use(link.tokenHash, now.toISOString()))) return 'gone';
  const stamp = { actor: { ...ctx.actor, name: link.accountId }, now: now.toISOString() };
  const audit = { action: 'sign-in-link.use', rosterId: null, entity: 'account' };
  await plainAuditStatement(ctx.store.db, { ...audit, entityId: link.accountId }, stamp).run();
  return openSession(ctx.store, link.accountId, now);
}
