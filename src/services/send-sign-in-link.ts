/**
 * Asking for a one-time sign-in link by e-mail: given an account id or an e-mail address, an enabled account with an
 * address gets a link of 256 random bits (only its SHA-256 stored) valid LINK_MINUTES, once. The caller answers the
 * same whether or not a link went out, and sends the mail after answering, so neither words nor timing tell who has
 * an account. Every request counts against the client's address and the account (or what was typed) in the rate
 * limit's window, under keys of their own: asking for links never locks password sign-in.
 */
import { signInLinkMail } from '../domain/sign-in-link-text.ts';
import type { NoticeChannel, OutgoingNotice } from '../providers/notices/notice-channel.ts';
import type { Account } from '../storage/account-store.ts';
import { plainAuditStatement } from '../storage/statements.ts';
import type { ServiceContext } from './context.ts';
import { RateLimited, recordFailure, retryAfter } from './rate-limit.ts';
import { randomToken, sha256Hex } from './secrets.ts';

export const LINK_MINUTES = 15;

export const linkAddressKey = (address: string) => `link-address:${address}`;
export const linkAccountKey = (accountOrTyped: string) => `link-account:${accountOrTyped}`;

async function accountOf(ctx: ServiceContext, who: string): Promise<Account | null> {
  return who.includes('@') ? ctx.store.accounts.findByEmail(who) : ctx.store.accounts.get(who);
}

/**
 * The mail to send for `who`, or null when nobody gets one (no such account, disabled, no address). Throws
 * RateLimited while the address or the account is over the limit.
 */
export async function requestSignInLink(
  ctx: ServiceContext,
  who: string,
  address: string,
): Promise<OutgoingNotice | null> {
  const typed = who.trim().toLowerCase();
  const account = typed ? await accountOf(ctx, typed) : null;
  const keys = [linkAddressKey(address), linkAccountKey(account?.id ?? typed)];
  const now = ctx.now();
  const wait = await retryAfter(ctx.store, keys, now);
  if (wait !== null) throw new RateLimited(wait);
  await recordFailure(ctx.store, keys, now);
  if (!account?.email || account.disabledAt) return null;
  const token = randomToken();
  const tokenHash = await sha256Hex(token);
  const expiresAt = new Date(now.getTime() + LINK_MINUTES * 60_000).toISOString();
  const stamp = { actor: { ...ctx.actor, name: account.id }, now: now.toISOString() };
  const audit = { action: 'sign-in-link.send', rosterId: null, entity: 'account' };
  // Links expired a day ago go; younger ones stay, so a late click still hears "expired" (410), not "unknown".
  await ctx.store.signInLinks.prune(new Date(now.getTime() - 86_400_000).toISOString());
  await ctx.store.db.batch([
    ctx.store.signInLinks.insert({
      tokenHash,
      accountId: account.id,
      createdAt: stamp.now,
      expiresAt,
      usedAt: null,
    }),
    plainAuditStatement(
      ctx.store.db,
      { ...audit, entityId: account.id, after: { email: account.email, expiresAt } },
      stamp,
    ),
  ]);
  const link = `${ctx.publicUrl}/admin/login/link/${token}`;
  // The delivery's ids name the link by a part of its hash: stable for a resend, and no secret in a Message-ID.
  const id = `sign-in-${tokenHash.slice(0, 32)}`;
  return {
    id,
    attemptId: id,
    address: account.email,
    ...signInLinkMail(account.name, link, LINK_MINUTES),
  };
}

/** Sends a link's mail; a channel that did not take it is an error, for the caller's log. */
export async function deliverSignInLink(
  mail: NoticeChannel,
  notice: OutgoingNotice,
): Promise<void> {
  const outcome = await mail.send(notice);
  if (outcome.status !== 'delivered')
    throw new Error(`the sign-in link to ${notice.address} was not sent: ${outcome.error}`);
}
