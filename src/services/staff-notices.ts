/**
 * What a member sets from their staff page (its secret link is the key): their notice preferences, and whether their
 * Zalo is linked. A member's link across every roster sets the preferences in each roster they belong to.
 */
import type { NoticePreferences } from '../storage/notice-settings-store.ts';
import { DEFAULT_PREFERENCES } from '../storage/notice-settings-store.ts';
import type { ServiceContext } from './context.ts';
import { memberOfLink } from './zalo-link.ts';

export interface StaffNotices {
  preferences: NoticePreferences;
  zaloLinked: boolean;
}

async function rostersOfMember(ctx: ServiceContext, rosterId: string, memberId: string) {
  if (rosterId !== '*') return [rosterId];
  const rosters = await ctx.store.listRosters();
  return rosters
    .filter((stored) => stored.roster.members.some((member) => member.id === memberId))
    .map((stored) => stored.id);
}

export async function staffNotices(ctx: ServiceContext, token: string): Promise<StaffNotices> {
  const { rosterId, memberId } = await memberOfLink(ctx, token);
  const [first] = await rostersOfMember(ctx, rosterId, memberId);
  const preferences = first
    ? (await ctx.store.noticeSettings.preferences(first)).get(memberId)
    : undefined;
  const chats = await ctx.store.noticeSettings.zaloChats(first ?? rosterId);
  return { preferences: preferences ?? DEFAULT_PREFERENCES, zaloLinked: chats.has(memberId) };
}

export async function saveStaffPreferences(
  ctx: ServiceContext,
  token: string,
  input: Partial<Pick<NoticePreferences, 'emailOn' | 'zaloOn' | 'reminders'>>,
): Promise<void> {
  const { rosterId, memberId } = await memberOfLink(ctx, token);
  const { preferences } = await staffNotices(ctx, token);
  for (const id of await rostersOfMember(ctx, rosterId, memberId))
    await ctx.store.noticeSettings.savePreferences(id, memberId, { ...preferences, ...input });
}
