/**
 * Notices due at a time of day rather than after a change: the reminder the afternoon before a duty (to members who
 * asked for it) and next week's desk on Friday afternoon (to the roster's group contacts); the same as `duty.reminder`
 * (one per member and slot, whether or not the member asked: a receiver decides what to do with it) and
 * `digest.weekly` events to the roster's webhooks that want them. Run by every tick of the notice worker; a delivery's id derives from what it is about (the slot and member, the roster and week), so
 * running again inserts nothing new and a restart never sends a reminder twice.
 */
import { addDays, weekdayOf } from '../domain/dates.ts';
import { digestEvent, type NoticeEvent, reminderEvent } from '../domain/notice-events.ts';
import { digestNotice, reminderNotice } from '../domain/notice-text.ts';
import { webhookWants } from '../domain/webhook-health.ts';
import { formatDate } from '../domain/vietnamese.ts';
import { wallClockInZone } from '../domain/zone.ts';
import type { NewDelivery } from '../storage/notice-store.ts';
import type { StoredRoster } from '../storage/records.ts';
import type { NoticeDeps } from './notice-deps.ts';
import { memberAddresses } from './notice-recipients.ts';
import { expandState, loadHolidayCalendar } from './roster-state.ts';
import { sha256Hex } from './secrets.ts';

type Target = Omit<NewDelivery, 'id' | 'rosterId' | 'nextAt' | 'createdAt'>;

async function rows(deps: NoticeDeps, stored: StoredRoster, targets: Target[]) {
  const now = deps.now().toISOString();
  return Promise.all(
    targets.map(async (target) => ({
      ...target,
      id: (await sha256Hex(`${target.noticeId}|${target.recipient}|${target.channel}`)).slice(
        0,
        32,
      ),
      rosterId: stored.id,
      nextAt: now,
      createdAt: now,
    })),
  );
}

/** The roster's slots from `from` to `to` (inclusive), as stored now. */
export async function slotsOf(deps: NoticeDeps, stored: StoredRoster, from: string, to: string) {
  const [facts, holidays] = await Promise.all([
    deps.store.factsOf(stored.id),
    loadHolidayCalendar(deps.store),
  ]);
  return expandState({ stored, facts, holidays }, from, to).slots;
}

interface Scheduled {
  noticeId: string;
  /** What the event is about (a slot, a week): with the webhook's id, the recipient. */
  about: string;
  event: NoticeEvent;
}

/** One delivery per event to each of the roster's active webhooks that wants its type (machines: at once). */
async function webhookTargets(deps: NoticeDeps, stored: StoredRoster, events: Scheduled[]) {
  if (!deps.channels.webhook || events.length === 0) return [];
  const hooks = await deps.store.noticeSettings.webhooks(stored.id);
  return events.flatMap(({ noticeId, about, event }) =>
    hooks
      .filter((hook) => webhookWants(hook, event.type))
      .map(
        (hook): Target => ({
          noticeId,
          kind: event.type,
          channel: 'webhook',
          recipient: `webhook:${hook.id}:${about}`,
          address: hook.url,
          subject: event.type,
          body: JSON.stringify(event),
          urgent: true,
        }),
      ),
  );
}

async function reminders(deps: NoticeDeps, stored: StoredRoster, today: string): Promise<Target[]> {
  const addressesOf = await memberAddresses(deps, stored);
  const targets: Target[] = [];
  const events: Scheduled[] = [];
  const timestamp = deps.now().toISOString();
  for (const slot of await slotsOf(deps, stored, addDays(today, 1), addDays(today, 1))) {
    if (!slot.memberId) continue;
    const noticeId = `reminder/${slot.key}/${slot.memberId}`;
    events.push({
      noticeId,
      about: slot.key,
      event: reminderEvent(stored.roster, slot, timestamp),
    });
    const addresses = addressesOf(slot.memberId);
    if (!addresses[0]?.choice.reminders) continue;
    const message = reminderNotice(stored.roster, slot);
    for (const { channel, address } of addresses)
      targets.push({
        noticeId,
        kind: 'duty.reminder',
        channel,
        recipient: `member:${slot.memberId}`,
        address,
        subject: message.subject,
        body: JSON.stringify({ text: message.text, html: message.html }),
        urgent: false,
      });
  }
  return [...targets, ...(await webhookTargets(deps, stored, events))];
}

async function digest(deps: NoticeDeps, stored: StoredRoster, today: string): Promise<Target[]> {
  const monday = addDays(today, 8 - weekdayOf(today));
  const slots = await slotsOf(deps, stored, monday, addDays(monday, 6));
  const title = `${formatDate(monday).slice(0, 5)}–${formatDate(addDays(monday, 4))}`;
  const message = digestNotice(stored.roster, slots, title);
  const body = JSON.stringify({ text: message.text, html: message.html });
  const noticeId = `digest/${stored.id}/${monday}`;
  const week = { from: monday, to: addDays(monday, 6) };
  const event = digestEvent(stored.roster, week, slots, deps.now().toISOString());
  const contacts = await deps.store.noticeSettings.contacts(stored.id);
  const people = contacts
    .filter((contact) => contact.role === 'group' && deps.channels[contact.channel])
    .map((contact) => ({
      noticeId,
      kind: 'digest.weekly',
      channel: contact.channel,
      recipient: `contact:${contact.id}`,
      address: contact.address,
      subject: message.subject,
      body,
      urgent: false,
    }));
  return [...people, ...(await webhookTargets(deps, stored, [{ noticeId, about: monday, event }]))];
}

// What each process already planned today, per roster: the worker ticks every few seconds, and planning again is
// harmless (same ids) but costs an expansion per roster. A restart plans once more, inserting nothing new.
const done = new WeakMap<NoticeDeps, Map<string, string>>();

export async function planScheduledNotices(deps: NoticeDeps): Promise<{ deliveries: number }> {
  const { reminderAt, digestAt } = deps.settings;
  const planned = done.get(deps) ?? new Map<string, string>();
  done.set(deps, planned);
  let count = 0;
  for (const stored of await deps.store.listRosters()) {
    const { date, time } = wallClockInZone(deps.now(), stored.roster.timeZone);
    const remind = reminderAt !== null && time >= reminderAt;
    const weekly =
      digestAt !== null && weekdayOf(date) === digestAt.weekday && time >= digestAt.time;
    const key = `${date}:${remind}:${weekly}`;
    if ((!remind && !weekly) || planned.get(stored.id) === key) continue;
    planned.set(stored.id, key);
    const targets = [
      ...(remind ? await reminders(deps, stored, date) : []),
      ...(weekly ? await digest(deps, stored, date) : []),
    ];
    if (targets.length === 0) continue;
    const deliveries = await rows(deps, stored, targets);
    await deps.store.notices.plan(stored.id, 0, deliveries); // no change rows consumed (seq ≤ 0)
    count += deliveries.length;
  }
  return { deliveries: count };
}
