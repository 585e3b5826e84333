/**
 * Turning the steps of staff requests into deliveries: the admins' contacts, the requester and the colleague, each
 * on the channels they can be reached by, in words their reader may see; after quiet hours, like any notice that is
 * not urgent. A delivery's id derives from (request and step, recipient, channel), and the step's row goes in the
 * same batch as its deliveries: planning again after a crash makes no second notice.
 */
import { maxDate, minDate } from '../domain/dates.ts';
import { type Audience, audiencesOf, requestNotice } from '../domain/request-notice-text.ts';
import type { StaffRequest } from '../domain/staff-request.ts';
import type { StoredRoster } from '../storage/records.ts';
import type { PendingRequestNotice } from '../storage/request-notice-store.ts';
import type { NoticeDeps } from './notice-deps.ts';
import { memberAddresses, type NoticeTarget, person, toDeliveries } from './notice-recipients.ts';
import { slotsOf } from './plan-scheduled-notices.ts';
import { readRoster } from './read-roster.ts';

/** The slots a swap names, to say whose duty each is and whom it covers for. */
async function swapSlots(deps: NoticeDeps, stored: StoredRoster, request: StaffRequest) {
  if (request.detail.kind !== 'swap') return [];
  const { first, second } = request.detail.swap;
  const from = minDate(first.date, second.date);
  return (await slotsOf(deps, stored, from, maxDate(first.date, second.date))).filter(
    (slot) => slot.date === first.date || slot.date === second.date,
  );
}

async function audienceAddresses(
  deps: NoticeDeps,
  stored: StoredRoster,
  event: PendingRequestNotice,
) {
  const reach = await memberAddresses(deps, stored);
  const contacts = await deps.store.noticeSettings.contacts(stored.id);
  return (audience: Audience) => {
    if (audience === 'admins')
      return contacts
        .filter((contact) => contact.role === 'admin' && deps.channels[contact.channel])
        .map(({ id, channel, address }) => ({ recipient: `contact:${id}`, channel, address }));
    const memberId = audience === 'colleague' ? event.request.colleagueId : event.request.memberId;
    if (!memberId) return [];
    return reach(memberId).map(({ channel, address }) => ({
      recipient: `member:${memberId}`,
      channel,
      address,
    }));
  };
}

async function targetsOf(deps: NoticeDeps, stored: StoredRoster, event: PendingRequestNotice) {
  const slots = await swapSlots(deps, stored, event.request);
  const addressesOf = await audienceAddresses(deps, stored, event);
  return audiencesOf(event).flatMap((audience) => {
    const message = requestNotice(stored.roster, event, audience, slots);
    return addressesOf(audience).map(
      (address): NoticeTarget => ({
        ...address,
        kind: `request.${event.step}`,
        subject: message.subject,
        body: person(message),
        urgent: false,
      }),
    );
  });
}

export async function planRequestNotices(deps: NoticeDeps): Promise<{ deliveries: number }> {
  let deliveries = 0;
  for (const event of await deps.store.requestNotices.pending(100)) {
    const stored = await readRoster(deps, event.rosterId);
    if (stored === 'unreadable') continue;
    const noticeId = `request/${event.request.id}/${event.step}`;
    const targets = stored ? await targetsOf(deps, stored, event) : [];
    const rows = stored ? await toDeliveries(deps, stored, noticeId, targets) : [];
    await deps.store.requestNotices.plan(event, rows);
    deliveries += rows.length;
  }
  return { deliveries };
}
