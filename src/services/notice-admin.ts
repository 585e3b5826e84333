/**
 * What admins do with notices: read the log (who was told what, when, through which channel, delivered or failed),
 * send one again, name the roster's admin and group contacts, and set a member's preferences.
 */
import type { ContactRecord, NoticePreferences } from '../storage/notice-settings-store.ts';
import { DEFAULT_PREFERENCES } from '../storage/notice-settings-store.ts';
import type { Delivery } from '../storage/notice-store.ts';
import { type ServiceContext, stampOf } from './context.ts';
import { conflict, invalid, notFound } from './errors.ts';
import { requireRoster } from './roster-state.ts';

export type NoticeLogEntry = Omit<Delivery, 'body'>;

export async function noticeLog(
  ctx: ServiceContext,
  rosterId: string,
  limit: number,
): Promise<NoticeLogEntry[]> {
  await requireRoster(ctx, rosterId);
  const rows = await ctx.store.notices.list({ rosterId, limit });
  return rows.map(({ body: _body, ...entry }) => entry);
}

export async function resendNotice(ctx: ServiceContext, rosterId: string, id: string) {
  await requireRoster(ctx, rosterId);
  const delivery = await ctx.store.notices.get(id);
  if (!delivery || delivery.rosterId !== rosterId) throw notFound(`notice "${id}"`);
  if (!(await ctx.store.notices.resend(id, stampOf(ctx).now)))
    throw conflict(`notice "${id}" is still waiting to be sent; it cannot be sent again yet`);
}

export async function listContacts(ctx: ServiceContext, rosterId: string) {
  await requireRoster(ctx, rosterId);
  return ctx.store.noticeSettings.contacts(rosterId);
}

export async function addContact(
  ctx: ServiceContext,
  rosterId: string,
  input: Pick<ContactRecord, 'role' | 'channel' | 'address'>,
): Promise<ContactRecord> {
  await requireRoster(ctx, rosterId);
  const record: ContactRecord = {
    ...input,
    id: crypto.randomUUID(),
    rosterId,
    createdAt: stampOf(ctx).now,
  };
  await ctx.store.noticeSettings.addContact(record);
  const stored = await ctx.store.noticeSettings.contacts(rosterId);
  return stored.find(
    (c) => c.role === input.role && c.channel === input.channel && c.address === input.address,
  )!;
}

export async function deleteContact(ctx: ServiceContext, rosterId: string, id: string) {
  await requireRoster(ctx, rosterId);
  if (!(await ctx.store.noticeSettings.deleteContact(rosterId, id)))
    throw notFound(`contact "${id}"`);
}

export async function memberPreferences(
  ctx: ServiceContext,
  rosterId: string,
  memberId: string,
): Promise<NoticePreferences> {
  const stored = await requireRoster(ctx, rosterId);
  if (!stored.roster.members.some((member) => member.id === memberId)) {
    const message = `no member with id "${memberId}" in roster ${rosterId}`;
    throw invalid(message, [{ field: 'memberId', message }]);
  }
  return (
    (await ctx.store.noticeSettings.preferences(rosterId)).get(memberId) ?? DEFAULT_PREFERENCES
  );
}

export async function setMemberPreferences(
  ctx: ServiceContext,
  rosterId: string,
  memberId: string,
  input: Partial<NoticePreferences>,
): Promise<NoticePreferences> {
  const next = { ...(await memberPreferences(ctx, rosterId, memberId)), ...input };
  await ctx.store.noticeSettings.savePreferences(rosterId, memberId, next);
  return next;
}
