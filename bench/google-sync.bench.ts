/**
 * Benchmarks of the push to Google Calendar, against the Google stand-in (test/stand-ins/google-calendar.ts, a
 * node:http server on 127.0.0.1 in this process) with the real provider: `createGoogleProvider`, i.e. the official
 * `@googleapis/calendar` client for listing and single writes, the batch endpoint for bulk writes (50 writes at
 * most), a service-account grant (JWT signed here, checked there). The scenarios, checks, request counts and time
 * split are calendar-push.ts's, shared with the Outlook benchmark; this file says how Google's stand-in, calendars
 * and provider are set up: one calendar per roster (`{rosterId}@group.calendar.google.com`), shared ("Make changes
 * to events") with one service account.
 *
 * Run alone with `node bench/google-sync.bench.ts [--quick]`.
 */
import type { Roster } from '../src/domain/roster-schema.ts';
import { GOOGLE_BATCH_LIMIT } from '../src/providers/google/batch.ts';
import { createGoogleProvider } from '../src/providers/google/google-provider.ts';
import { ServiceAccountKeySchema } from '../src/providers/google/service-account.ts';
import { type GoogleStandIn, startGoogleStandIn } from '../test/stand-ins/google-calendar.ts';
import {
  ORG_ROSTERS,
  PUSH_NOTES,
  type PushBackend,
  type PushBenchOptions,
  type PushResult,
  pushTable,
  type Requests,
  runPushBenchmarks,
} from './calendar-push.ts';

const ACCOUNT = 'lichtruc-sync@du-an.iam.gserviceaccount.com';

const calendarIdOf = (rosterId: string) => `${rosterId}@group.calendar.google.com`;

function requestsOf(standIn: GoogleStandIn): Requests {
  const counts: Requests = {
    lists: 0,
    writeRequests: 0,
    writes: 0,
    batches: 0,
    grants: 0,
    failed: 0,
  };
  const bad = (status: number | null) => status === null || status < 200 || status >= 300;
  for (const request of standIn.requests) {
    if (bad(request.status)) counts.failed++;
    if (request.path.startsWith('/token')) counts.grants++;
    else if (request.method === 'GET') counts.lists++;
    else {
      counts.writeRequests++;
      counts.writes += request.batch ? request.parts : 1;
      if (request.batch) counts.batches++;
      counts.failed += request.partCalls.filter((call) => bad(call.status)).length;
    }
  }
  return counts;
}

export const googleBackend: PushBackend = {
  provider: 'google',
  batchLimit: GOOGLE_BATCH_LIMIT,
  orgNote: `${ORG_ROSTERS} calendars (one each) on one stand-in, one service account`,
  async start(rosters, now) {
    const standIn = await startGoogleStandIn({ now: () => now().getTime() });
    const published = rosters.map(
      (roster): Roster => ({
        ...roster,
        publish: { google: { calendarId: calendarIdOf(roster.id) } },
      }),
    );
    for (const roster of published)
      standIn.createCalendar({
        id: calendarIdOf(roster.id),
        summary: roster.name,
        writers: [ACCOUNT],
      });
    const provider = createGoogleProvider({
      key: ServiceAccountKeySchema.parse(standIn.createServiceAccount(ACCOUNT)),
      rootUrl: standIn.rootUrl,
      fetch: globalThis.fetch,
      now,
      timeoutMs: 20_000,
    });
    return {
      rosters: published,
      provider,
      port: Number(new URL(standIn.rootUrl).port),
      resetLog: () => standIn.resetLog(),
      requests: () => requestsOf(standIn),
      eventCount: (rosterId) => standIn.events(calendarIdOf(rosterId)).length,
      close: () => standIn.close(),
    };
  },
};

export const runGoogleSyncBenchmarks = (options: PushBenchOptions): Promise<PushResult[]> =>
  runPushBenchmarks(googleBackend, options);

export const GOOGLE_SYNC_NOTES = [
  '- Google: the official `@googleapis/calendar` client, the batch endpoint (50 writes at most), a service-account',
  '  grant (JWT); lists are events.list pages (maxResults 2,500: every listing here fits in one); grants are POST',
  '  /token. Each roster has a calendar of its own, shared with the one service account.',
];

if (import.meta.main) {
  const quick = process.argv.includes('--quick');
  const results = await runGoogleSyncBenchmarks({
    quick,
    log: (line) => console.error(`… ${line}`),
  });
  console.log(pushTable(results));
  console.log();
  console.log([...PUSH_NOTES, ...GOOGLE_SYNC_NOTES].join('\n'));
}
