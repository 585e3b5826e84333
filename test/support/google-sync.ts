/**
 * A lichtruc service whose roster publishes to a Google calendar on the stand-in, with the real Google provider
 * (official client, batch endpoint, service-account grant) and a sync that never really sleeps.
 */
import type { SyncDeps } from '../../src/services/sync-deps.ts';
import { createGoogleProvider } from '../../src/providers/google/google-provider.ts';
import { ServiceAccountKeySchema } from '../../src/providers/google/service-account.ts';
import { type GoogleStandIn, startGoogleStandIn } from '../stand-ins/google-calendar.ts';
import { readCalendarFiles } from './sample.ts';
import { startTestService, type TestService } from './service.ts';
import { applyPublishedFiles, attachSync } from './sync-fixture.ts';

export const CALENDAR_ID = 'truc-mot-cua@group.calendar.google.com';
export const ACCOUNT = 'lichtruc-sync@du-an.iam.gserviceaccount.com';
export const ROSTER_ID = 'so-vhttdl-bac-giang';

export interface GoogleSyncFixture {
  service: TestService;
  standIn: GoogleStandIn;
  deps: SyncDeps;
  /** Every backoff wait the sync asked for, in ms. */
  sleeps: number[];
  /** Replaces the provider's key (e.g. after the old one was revoked). */
  useKey(clientEmail: string): void;
  close(): Promise<void>;
}

/** The roster file as published to the stand-in's calendar, with an optional edit of its text. */
export function publishedRosterFiles(edit: (text: string) => string = (text) => text) {
  return readCalendarFiles().map((file) =>
    file.path === `${ROSTER_ID}.yaml`
      ? { ...file, text: edit(`${file.text}publish:\n  google:\n    calendarId: ${CALENDAR_ID}\n`) }
      : file,
  );
}

export async function startGoogleSync(
  options: {
    share?: boolean | 'owner';
    now?: string;
    timeoutMs?: number;
    editRoster?: (text: string) => string;
    /** The stand-in's per-user write quota (none by default). */
    writesPerMinute?: number;
  } = {},
): Promise<GoogleSyncFixture> {
  const service = await startTestService(options.now ?? '2024-05-02T01:00:00Z');
  // Google checks a grant's iat/exp against its clock: the stand-in shares the test's clock.
  const standIn = await startGoogleStandIn({
    now: () => service.ctx.now().getTime(),
    ...(options.writesPerMinute ? { writesPerMinute: options.writesPerMinute } : {}),
  });
  const access =
    options.share === false
      ? {}
      : options.share === 'owner'
        ? { owners: [ACCOUNT] }
        : { writers: [ACCOUNT] };
  standIn.createCalendar({ id: CALENDAR_ID, summary: 'Lịch trực Một cửa', ...access });
  await applyPublishedFiles(service, publishedRosterFiles(options.editRoster));
  const providerFor = (clientEmail: string) =>
    createGoogleProvider({
      key: ServiceAccountKeySchema.parse(standIn.createServiceAccount(clientEmail)),
      rootUrl: standIn.rootUrl,
      fetch: globalThis.fetch,
      now: service.ctx.now,
      timeoutMs: options.timeoutMs ?? 5_000,
    });
  const { deps, sleeps } = attachSync(service, { google: providerFor(ACCOUNT) });
  return {
    service,
    standIn,
    deps,
    sleeps,
    useKey(clientEmail) {
      deps.providers.google = providerFor(clientEmail);
    },
    close: () => standIn.close(),
  };
}

/** API requests (not token grants), and how many writes they carried. */
export function apiCalls(standIn: GoogleStandIn) {
  const api = standIn.requests.filter((request) => !request.path.startsWith('/token'));
  const writes = api.reduce(
    (sum, request) => sum + (request.batch ? request.parts : request.method === 'GET' ? 0 : 1),
    0,
  );
  return {
    requests: api.length,
    batches: api.filter((request) => request.batch).length,
    writes,
    api,
  };
}
