/**
 * A first push of several rosters under a write quota, the same for Google and Outlook: the sample roster and three
 * copies, each publishing to a calendar of its own under one principal (Google: one service account; Outlook: one
 * app on one mailbox), all queued, with a stand-in that enforces `writesPerMinute` (write-quota.ts). The service, the
 * stand-in and the write budget share the test's clock, and every wait of the sync moves that clock.
 */
import type { ProviderName } from '../../src/providers/calendar-provider.ts';
import type { SyncDeps } from '../../src/services/sync-deps.ts';
import { createWriteBudget } from '../../src/services/write-budget.ts';
import type { WriteQuota } from '../stand-ins/write-quota.ts';
import { ACCOUNT, CALENDAR_ID, ROSTER_ID, startGoogleSync } from './google-sync.ts';
import { MAILBOX, startOutlookSync } from './outlook-sync.ts';
import { letterRosterCopy } from './sample.ts';
import type { TestService } from './service.ts';

export const QUOTA_TODAY = '2024-05-02';
const COPIES = ['ban-1', 'ban-2', 'ban-3'];

export interface QuotaPush {
  provider: ProviderName;
  service: TestService;
  deps: SyncDeps;
  quota: WriteQuota;
  /** The calendar a logged write went to (one per roster). */
  calendarOf(path: string): string;
  /** How many events each roster's calendar holds. */
  eventCounts(): number[];
  /** A new process: a budget object with nothing in memory, over the same database. */
  restart(): void;
  close(): Promise<void>;
}

export async function startQuotaPush(
  provider: ProviderName,
  writesPerMinute: number,
  budget: number,
): Promise<QuotaPush> {
  const base =
    provider === 'google' ? await googleBase(writesPerMinute) : await graphBase(writesPerMinute);
  const { service, deps } = base;
  for (const id of COPIES)
    await service.json(
      'POST',
      '/api/rosters',
      201,
      letterRosterCopy(id, { publish: base.publish(id) }),
    );
  await deps.store.sync.enqueue(ROSTER_ID, [null], 'test', `${QUOTA_TODAY}T01:00:00Z`);
  deps.sleep = async (ms) => {
    service.setNow(new Date(service.ctx.now().getTime() + ms).toISOString());
  };
  const push: QuotaPush = {
    ...base,
    provider,
    restart() {
      deps.budget = createWriteBudget(deps, { [provider]: budget });
    },
  };
  push.restart();
  return push;
}

async function googleBase(writesPerMinute: number) {
  const fixture = await startGoogleSync({ writesPerMinute });
  const calendars = [CALENDAR_ID, ...COPIES.map((id) => `${id}@group.calendar.google.com`)];
  for (const id of calendars.slice(1)) fixture.standIn.createCalendar({ id, writers: [ACCOUNT] });
  return {
    service: fixture.service,
    deps: fixture.deps,
    quota: fixture.standIn.quota!,
    publish: (id: string) => ({ google: { calendarId: `${id}@group.calendar.google.com` } }),
    calendarOf: (path: string) => path.split('/')[4] ?? '',
    eventCounts: () => calendars.map((id) => fixture.standIn.events(id).length),
    close: fixture.close,
  };
}

async function graphBase(writesPerMinute: number) {
  const fixture = await startOutlookSync({ writesPerMinute });
  const calendars = new Map(
    COPIES.map((id) => [id, fixture.standIn.createCalendar(MAILBOX, `Lịch trực ${id}`)]),
  );
  return {
    service: fixture.service,
    deps: fixture.deps,
    quota: fixture.standIn.quota!,
    publish: (id: string) => ({ outlook: { mailbox: MAILBOX, calendarId: calendars.get(id)! } }),
    // The sample roster writes to the mailbox's default calendar, the copies to calendars of their own.
    calendarOf: (path: string) => /\/calendars\/([^/]+)\/events/.exec(path)?.[1] ?? 'default',
    eventCounts: () => [
      fixture.standIn.events(MAILBOX).length -
        [...calendars.values()].reduce(
          (sum, calendarId) => sum + fixture.standIn.events(MAILBOX, calendarId).length,
          0,
        ),
      ...[...calendars.values()].map(
        (calendarId) => fixture.standIn.events(MAILBOX, calendarId).length,
      ),
    ],
    close: fixture.close,
  };
}
