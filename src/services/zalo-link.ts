/**
 * Linking a member's Zalo: their staff page (its secret link is the key) shows a one-time code; they send it to the
 * bot; the bot's webhook records their chat id. "dừng" unlinks. Codes are personal: one sent from a group chat links
 * nothing (personal notices never go to a group), and the bot answers with the group's chat id for the admins.
 */
import type { ServiceContext } from './context.ts';
import { invalid } from './errors.ts';
import { sha256Hex } from './secrets.ts';

export const LINK_CODE_MINUTES = 15;
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CODE = /^[A-HJ-NP-Z2-9]{8}$/;
const STOP = new Set(['dừng', 'dung', 'stop', '/stop']);

export interface ZaloUpdate {
  chatId: string;
  chatType: 'PRIVATE' | 'GROUP';
  text: string;
}

/** The member a feed link belongs to; a roster's link has none. */
export async function memberOfLink(ctx: ServiceContext, token: string) {
  const found = /^[A-Za-z0-9_-]{43}$/.test(token)
    ? await ctx.store.feeds.lookup(await sha256Hex(token))
    : null;
  if (!found || found.feed.revokedAt || !found.feed.memberId) {
    const message = 'only the link of one member can link Zalo';
    throw invalid(message, [{ field: 'token', message }]);
  }
  // A member's link across every roster links Zalo for all of them ('*').
  return { rosterId: found.feed.rosterId ?? '*', memberId: found.feed.memberId };
}

export async function isZaloLinked(ctx: ServiceContext, token: string): Promise<boolean> {
  const { rosterId, memberId } = await memberOfLink(ctx, token);
  return (await ctx.store.noticeSettings.zaloChats(rosterId)).has(memberId);
}

export async function createZaloLinkCode(
  ctx: ServiceContext,
  token: string,
): Promise<{ code: string; expiresAt: string }> {
  const { rosterId, memberId } = await memberOfLink(ctx, token);
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  const code = [...bytes].map((byte) => ALPHABET[byte % ALPHABET.length]).join('');
  const expiresAt = new Date(ctx.now().getTime() + LINK_CODE_MINUTES * 60_000).toISOString();
  await ctx.store.noticeSettings.saveLinkCode(code, rosterId, memberId, expiresAt);
  return { code, expiresAt };
}

/** What the bot answers to a message, after linking or unlinking as the message asks. */
export async function handleZaloMessage(ctx: ServiceContext, update: ZaloUpdate): Promise<string> {
  const text = update.text.trim();
  if (STOP.has(text.toLowerCase())) {
    const count = await ctx.store.noticeSettings.unlinkZalo(update.chatId);
    return count > 0
      ? 'Đã ngừng gửi thông báo lịch trực qua Zalo này.'
      : 'Zalo này chưa liên kết với lịch trực nào.';
  }
  if (update.chatType === 'GROUP')
    return `Mã nhóm để quản trị viên thêm vào lịch trực: ${update.chatId}. Mã liên kết cá nhân chỉ dùng trong tin nhắn riêng với bot.`;
  const code = text.toUpperCase().replace(/\s+/g, '');
  if (!CODE.test(code))
    return 'Xin gửi mã liên kết 8 ký tự trên trang lịch trực cá nhân để nhận thông báo; gửi "dừng" để ngừng.';
  const linked = await ctx.store.noticeSettings.linkZalo(
    code,
    update.chatId,
    ctx.now().toISOString(),
  );
  if (!linked) return 'Mã không đúng hoặc đã hết hạn; xin tạo mã mới trên trang lịch trực cá nhân.';
  const rosters =
    linked.rosterId === '*'
      ? await ctx.store.listRosters()
      : [await ctx.store.getRoster(linked.rosterId)];
  const member = rosters
    .flatMap((stored) => stored?.roster.members ?? [])
    .find((candidate) => candidate.id === linked.memberId);
  const name = member ? `${member.honorific} ${member.fullName}` : linked.memberId;
  return `Đã liên kết Zalo với lịch trực của ${name}. Thông báo sẽ được gửi về đây khi lịch trực của ${name} thay đổi; gửi "dừng" để ngừng.`;
}
