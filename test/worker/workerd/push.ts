/**
 * What the push tests in workerd share: a roster published to a Google calendar and a mailbox of the stand-ins, an
 * absence that gives one of its duties a cover, the sync status, and the Worker before its push credentials were set.
 */
import { expect } from 'vitest';
import { callAndSettle, dayFromToday, env, json, ROSTER_ID, scheduleOf, until } from './api.ts';

export const HA = 'nguyen-manh-ha';
export const COVER_TITLE =
  /^Trực Bộ phận Một cửa – Trực thay: Ông Nguyễn Văn (Luyện|Hanh) \(thay Bà Nguyễn Mạnh Hà nghỉ phép\)$/;

/** The same Worker before its push credentials were set: changes land in the outbox and nothing is pushed. */
export const withoutCredentials = {
  ...env,
  GOOGLE_SERVICE_ACCOUNT_KEY: '',
  MS_TENANT_ID: '',
  MS_CLIENT_ID: '',
  MS_CLIENT_SECRET: '',
};

export interface SyncStatus {
  providers: string[];
  rosters: {
    rosterId: string;
    pendingChanges: number;
    providers: { provider: string; lastError: string | null; stopped: boolean }[];
  }[];
}

export const syncStatusOf = async (rosterId: string) =>
  (await json<SyncStatus>('GET', '/api/sync/status', 200)).rosters.find(
    (roster) => roster.rosterId === rosterId,
  );

/** Waits until the roster's outbox is empty: every change it queued went out to both providers. */
export const untilPushed = (rosterId: string) =>
  until(
    () => syncStatusOf(rosterId),
    (status) => status?.pendingChanges === 0,
  );

/** An API roster: the bundled roster's definition under a new id, publishing to a Google calendar and a mailbox. */
export async function createPublishedRoster(
  bindings: Cloudflare.Env,
  id: string,
  target: { calendarId: string; mailbox: string },
): Promise<void> {
  const { definition } = await json<{ definition: Record<string, unknown> }>(
    'GET',
    `/api/rosters/${ROSTER_ID}`,
    200,
  );
  const body = {
    ...definition,
    id,
    name: `Lịch trực Một cửa (${id})`,
    publish: { google: { calendarId: target.calendarId }, outlook: { mailbox: target.mailbox } },
  };
  const response = await callAndSettle(bindings, 'POST', '/api/rosters', { body });
  expect(response.status, await response.clone().text()).toBe(201);
}

/** Bà Hà on leave on `date`; answers the title of the cover that takes her duty. */
export async function addAbsence(
  bindings: Cloudflare.Env,
  rosterId: string,
  date: string,
): Promise<string> {
  const response = await callAndSettle(bindings, 'POST', `/api/rosters/${rosterId}/absences`, {
    body: { memberId: HA, from: date, to: date, reason: 'leave' },
  });
  const text = await response.text();
  expect(response.status, text).toBe(201);
  const { changedSlots } = JSON.parse(text) as { changedSlots: { after: { title: string } }[] };
  expect(changedSlots).toHaveLength(1);
  return changedSlots[0]!.after.title;
}

/** The roster's duties from tomorrow to four weeks on: well inside the push horizon (7 days back, 35 on). */
export const dutiesAhead = (rosterId: string) =>
  scheduleOf(rosterId, dayFromToday(1), dayFromToday(28));
