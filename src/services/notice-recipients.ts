/**
 * From a notice plan to delivery rows: each member's notice on each channel they can be reached by (their e-mail,
 * their linked Zalo chat, as their preferences allow), "uncovered" to the roster's admin contacts, and one webhook
 * event per changed slot to each endpoint subscribed to its type.
 */
import { slotChangeEvent } from '../domain/notice-events.ts';
import type { NoticePlan } from '../domain/notice-plan.ts';
import { memberNotice, type NoticeMessage, uncoveredNotice } from '../domain/notice-text.ts';
import { releaseAfterQuietHours } from '../domain/quiet-hours.ts';
import type { StoredRoster } from '../storage/records.ts';
import { DEFAULT_PREFERENCES } from '../storage/notice-settings-store.ts';
import type { NewDelivery, NoticeChannelName } from '../storage/notice-store.ts';
import type { NoticeDeps } from './notice-deps.ts';
import { sha256Hex } from './secrets.ts';

interface Target {
  kind: string;
  channel: NoticeChannelName;
  recipient: string;
  address: string;
  subject: string;
  body: unknown;
  urgent: boolean;
}

const person = (message: NoticeMessage) => ({ text: message.text, html: message.html });

/** Tomorrow's gap cannot wait for the morning; later ones can. */
const isTomorrowOrSooner = (date: string, now: Date) =>
  Date.parse(`${date}T00:00:00Z`) - now.getTime() < 2 * 86_400_000;

async function memberTargets(deps: NoticeDeps, stored: StoredRoster, plan: NoticePlan) {
  const { roster } = stored;
  const preferences = await deps.store.noticeSettings.preferences(roster.id);
  const chats = deps.channels.zalo
    ? await deps.store.noticeSettings.zaloChats(roster.id)
    : new Map();
  const targets: Target[] = [];
  for (const { memberId, lines } of plan.members) {
    const member = roster.members.find((candidate) => candidate.id === memberId);
    const choice = preferences.get(memberId) ?? DEFAULT_PREFERENCES;
    const message = memberNotice(roster, memberId, lines);
    const base = {
      kind: 'duty.changed',
      recipient: `member:${memberId}`,
      subject: message.subject,
    };
    const email = choice.email ?? member?.email;
    if (deps.channels.email && email && choice.emailOn)
      targets.push({
        ...base,
        channel: 'email',
        address: email,
        body: person(message),
        urgent: false,
      });
    const chat = chats.get(memberId);
    if (chat && choice.zaloOn)
      targets.push({
        ...base,
        channel: 'zalo',
        address: chat,
        body: person(message),
        urgent: false,
      });
  }
  return targets;
}

async function rosterTargets(deps: NoticeDeps, stored: StoredRoster, plan: NoticePlan, now: Date) {
  const { roster } = stored;
  const targets: Target[] = [];
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
    for (const hook of webhooks.filter(
      (w) => w.events.length === 0 || w.events.includes(event.type),
    ))
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
  const now = deps.now();
  const later = releaseAfterQuietHours(now, stored.roster.timeZone, deps.settings.quietHours);
  const targets = [
    ...(await memberTargets(deps, stored, plan)),
    ...(await rosterTargets(deps, stored, plan, now)),
  ];
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
