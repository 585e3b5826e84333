/**
 * Who asks, from a staff page's secret link: only a member's own link may make requests (a roster-wide link is
 * nobody in particular), and only for the rosters that list that member. The forms of the page carry a token
 * derived (HMAC-SHA-256) from the feed's id with a key kept in the settings, so a page posted from elsewhere, or
 * an old form after its link was replaced, is refused without any session.
 */
import { scopeOf } from '../storage/feed-store.ts';
import type { StoredRoster } from '../storage/records.ts';
import type { Store } from '../storage/store.ts';
import type { StaffRequest } from '../domain/staff-request.ts';
import { type ServiceContext, stampOf } from './context.ts';
import { notFound, ServiceError } from './errors.ts';
import { rostersOf } from './publish-feeds.ts';
import { randomToken, sha256Hex } from './secrets.ts';

export interface Requester {
  feedId: string;
  memberId: string;
  /** The rosters listing the member: where they may ask. */
  rosters: StoredRoster[];
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const KEY_SETTING = 'staff_form_key';

export async function requesterOf(ctx: ServiceContext, token: string): Promise<Requester> {
  const found = TOKEN.test(token) ? await ctx.store.feeds.lookup(await sha256Hex(token)) : null;
  if (!found) throw notFound('the calendar link');
  if (found.feed.revokedAt) throw new ServiceError('gone', 'this calendar link was revoked');
  const { memberId } = found.feed;
  if (memberId === null)
    throw new ServiceError('validation', 'only an officer’s own link can make requests');
  return {
    feedId: found.feed.id,
    memberId,
    rosters: await rostersOf(ctx, scopeOf(found.feed)),
  };
}

/** The roster among the requester's, or a refusal naming the field. */
export function requesterRoster(requester: Requester, rosterId: string): StoredRoster {
  const stored = requester.rosters.find((candidate) => candidate.id === rosterId);
  if (!stored) {
    const message = `you are not a member of roster "${rosterId}"`;
    throw new ServiceError('validation', message, [{ field: 'rosterId', message }]);
  }
  return stored;
}

/**
 * Stores a new request of `requester` (audited as `request.create`), with its notice in the same batch: the admins
 * are told of an absence asked for, the colleague of a swap proposed to them.
 */
export async function fileRequest(
  ctx: ServiceContext,
  requester: Requester,
  request: Pick<StaffRequest, 'rosterId' | 'colleagueId' | 'detail' | 'state'>,
): Promise<StaffRequest> {
  const stamp = stampOf(ctx);
  const filed: StaffRequest = {
    ...request,
    id: crypto.randomUUID(),
    memberId: requester.memberId,
    decisionReason: null,
    decidedBy: null,
    factId: null,
    createdAt: stamp.now,
    updatedAt: stamp.now,
  };
  const step = filed.state === 'proposed' ? 'proposed' : 'filed';
  await ctx.store.requests.insert(filed, stamp, { step, request: filed, before: null });
  ctx.afterChange?.(filed.rosterId);
  return filed;
}

async function formKey(store: Store) {
  let raw = await store.setting(KEY_SETTING);
  if (!raw) {
    await store.putSetting(KEY_SETTING, randomToken());
    raw = (await store.setting(KEY_SETTING)) as string;
  }
  const bytes = new TextEncoder().encode(raw);
  return crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
    'verify',
  ]);
}

const formMessage = (feedId: string) => new TextEncoder().encode(`staff-form:${feedId}`);

/** The token every form of the staff page of `feedId` carries. */
export async function staffFormToken(store: Store, feedId: string): Promise<string> {
  const signature = await crypto.subtle.sign('HMAC', await formKey(store), formMessage(feedId));
  return [...new Uint8Array(signature)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Whether a posted form token is the one of `feedId` (compared by Web Crypto, in constant time). */
export async function staffFormTokenMatches(
  store: Store,
  feedId: string,
  presented: string | undefined,
): Promise<boolean> {
  if (!presented || !/^[0-9a-f]{64}$/.test(presented)) return false;
  const bytes = new Uint8Array(presented.match(/../g)!.map((pair) => Number.parseInt(pair, 16)));
  return crypto.subtle.verify('HMAC', await formKey(store), bytes, formMessage(feedId));
}
