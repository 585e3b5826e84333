/**
 * From a notice plan to delivery rows: each member's notice on each channel they can be reached by (their e-mail,
 * their linked Zalo chat, as their preferences allow), "uncovered" to the roster's admin contacts, and one webhook
 * event per changed slot to each endpoint subscribed to its type.
 */
import { slotChangeEvent } from '../domain/notice-events.ts';
import type { NoticePlan } from '../domain/notice-plan.ts';
import { memberNotice, type NoticeMessage, uncoveredNotice } from '../domain/notice-text.ts';
import { releaseAfterQuietHours } from '../domain/quiet-hours.ts';
import { webhookWants } from '../domain/webhook-health.ts';
import type { StoredRoster } from '../storage/records.ts';
import { DEFAULT_PREFERENCES, type NoticePreferences } from '../storage/notice-settings-store.ts';
import type { NewDelivery, NoticeChannelName } from '../storage/notice-store.ts';
import type { NoticeDeps } from './notice-deps.ts';
import { sha256Hex } from './secrets.ts';

export interface NoticeTarget {
  kind: string;
  channel: NoticeChannelName;
  recipient: string;
  address: string;
  subject: string;
  body: unknown;
  urgent: boolean;
}

export const person = (message: NoticeMessage) => ({ text: message.text, html: message.html });

/** Tomorrow's gap cannot wait for the morning; later ones can. */
const isTomorrowOrSooner = (date: string, now: Date) =>
  Date.parse(`${date}T00:00:00Z`) - now.getTime() < 2 * 86_400_000;

export interface MemberAddress {
  channel: 'email' | 'zalo';
  address: string;
  /** The member's choices (reminders among them). */
  choice: NoticePreferences;
}

/**
 * How each member of a roster can be reached now: their e-mail (preferences, else the roster) and their linked Zalo
 * chat, as their preferences allow and the channels configured permit.
 */
export async function memberAddresses(deps: NoticeDeps, stored: StoredRoster) {
  const { roster } = stored;
  const preferences = await deps.store.noticeSettings.preferences(roster.id);
  const chats = deps.channels.zalo
    ? await deps.store.noticeSettings.zaloChats(roster.id)
    : new Map<string, string>();
  return (memberId: string): MemberAddress[] => {
    const choice = preferences.get(memberId) ?? DEFAULT_PREFERENCES;
    const email = choice.email ?? roster.members.find((m) => m.id === memberId)?.email;
    const chat = chats.get(memberId);
    return [
      ...(deps.channels.email && email && choice.emailOn
        ? [{ channel: 'email' as const, address: email, choice }]
        : []),
      ...(chat && choice.zaloOn ? [{ channel: 'zalo' as const, address: chat, choice }] : []),
    ];
  };
}

async function memberTargets(deps: NoticeDeps, stored: StoredRoster, plan: NoticePlan) {
  const addressesOf = await memberAddresses(deps, stored);
  const targets: NoticeTarget[] = [];
  for (const { memberId, lines } of plan.members) {
    const message = memberNotice(stored.roster, memberId, lines);
    for (const { channel, address } of addressesOf(memberId))
      targets.push({
        kind: 'duty.changed',
        channel,
        recipient: `member:${memberId}`,
        address,
        subject: message.subject,
        body: person(message),
        urgent: false,
      });
  }
  return targets;
}

async function rosterTargets(deps: NoticeDeps, stored: StoredRoster, plan: NoticePlan, now: Date) {
  const { roster } = stored;
  const targets: NoticeTarget[] = [];
  if (plan.uncovered.length > 0) {
    const slots = plan.uncovered.map((change) => change.after!);
    const message = uncoveredNotice(roster, slots);
    const urgent = slots.some((slot) => isTomorrowOrSooner(slot.date, now));
    for (const contact of await deps.store.noticeSettings.contacts(roster.id)) {
      if (contact.role !== 'admin' || !deps.channels[contact.channel]) continue;
      const recipient = `contact:${contact.id}`;
      const { subject } = message;
      targets.push({
        kind: 'duty.uncovered',
        channel: contact.channel,
        recipient,
        address: contact.address,
        subject,
        body: person(message),
        urgent,
      });
    }
  }
  if (!deps.channels.webhook) return targets;
  const webhooks = await deps.store.noticeSettings.webhooks(roster.id);
  for (const change of plan.changed) {
    const event = slotChangeEvent(roster, change, now.toISOString());
    for (const hook of webhooks.filter((w) => webhookWants(w, event.type)))
      targets.push({
        kind: event.type,
        channel: 'webhook',
        recipient: `webhook:${hook.id}:${change.key}`,
        address: hook.url,
        subject: event.type,
        body: event,
        urgent: true, // machines have no quiet hours
      });
  }
  return targets;
}

export async function deliveriesFor(
  deps: NoticeDeps,
  stored: StoredRoster,
  plan: NoticePlan,
  noticeId: string,
): Promise<NewDelivery[]> {
  const targets = [
    ...(await memberTargets(deps, stored, plan)),
    ...(await rosterTargets(deps, stored, plan, deps.now())),
  ];
  return toDeliveries(deps, stored, noticeId, targets);
}

/**
 * The rows of one notice: ids derived from (notice, recipient, channel); what is not urgent waits for the end of
 * quiet hours.
 */
export function toDeliveries(
  deps: NoticeDeps,
  stored: StoredRoster,
  noticeId: string,
  targets: readonly NoticeTarget[],
): Promise<NewDelivery[]> {
  const now = deps.now();
  const later = releaseAfterQuietHours(now, stored.roster.timeZone, deps.settings.quietHours);
  return Promise.all(
    targets.map(async ({ body, ...target }) => ({
      ...target,
      id: (await sha256Hex(`${noticeId}|${target.recipient}|${target.channel}`)).slice(0, 32),
      rosterId: stored.id,
      noticeId,
      body: JSON.stringify(body),
      nextAt: (target.urgent ? now : later).toISOString(),
      createdAt: now.toISOString(),
    })),
  );
}
