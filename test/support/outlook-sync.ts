/**
 * A lichtruc service whose roster publishes to an Outlook mailbox on the Graph stand-in (HTTPS with a throw-away
 * certificate), with the real Outlook provider on the official Graph client and a sync that never really sleeps.
 */
import type { SyncDeps } from '../../src/services/sync-deps.ts';
import { createOutlookProvider } from '../../src/providers/outlook/outlook-provider.ts';
import { type GraphStandIn, startGraphStandIn } from '../stand-ins/graph-calendar.ts';
import { createSelfSignedCertificate } from '../stand-ins/graph-tls.ts';
import { readCalendarFiles } from './sample.ts';
import { startTestService, type TestService } from './service.ts';
import { applyPublishedFiles, attachSync } from './sync-fixture.ts';
import { trustingFetch } from './tls.ts';

export const MAILBOX = 'truc.motcua@svhttdl.bacninh.gov.vn';
export const APP = {
  tenantId: 'svhttdl-bacninh',
  clientId: 'lichtruc-app',
  clientSecret: 'bi-mat-thu-nghiem',
};
export const ROSTER_ID = 'so-vhttdl-bac-giang';

let certificate: Awaited<ReturnType<typeof createSelfSignedCertificate>> | undefined;

export interface OutlookSyncFixture {
  service: TestService;
  standIn: GraphStandIn;
  deps: SyncDeps;
  sleeps: number[];
  /** The provider with another client secret (after the old one was revoked). */
  useSecret(secret: string): void;
  close(): Promise<void>;
}

export function outlookRosterFiles(extra = '') {
  return readCalendarFiles().map((file) =>
    file.path === `${ROSTER_ID}.yaml`
      ? { ...file, text: `${file.text}publish:\n  outlook:\n    mailbox: ${MAILBOX}\n${extra}` }
      : file,
  );
}

export async function startOutlookSync(
  options: {
    files?: ReturnType<typeof outlookRosterFiles>;
    /**
     * Graph's throttling per app and mailbox (none by default). With it the Graph client's own replays are off: they
     * sleep on the wall clock, while the sync's backoff runs on the test's.
     */
    writesPerMinute?: number;
  } = {},
): Promise<OutlookSyncFixture> {
  const service = await startTestService('2024-05-02T01:00:00Z');
  certificate ??= await createSelfSignedCertificate();
  const standIn = await startGraphStandIn({
    now: () => service.ctx.now().getTime(),
    certificate,
    ...(options.writesPerMinute ? { writesPerMinute: options.writesPerMinute } : {}),
  });
  standIn.registerApp(APP);
  standIn.createMailbox(MAILBOX);
  await applyPublishedFiles(service, options.files ?? outlookRosterFiles());
  const providerWith = (clientSecret: string) =>
    createOutlookProvider({
      ...APP,
      clientSecret,
      graphBaseUrl: standIn.graphBaseUrl,
      loginBaseUrl: standIn.loginBaseUrl,
      fetch: trustingFetch(standIn.caPem),
      now: service.ctx.now,
      ...(options.writesPerMinute ? { clientRetries: 0 } : {}),
    });
  const { deps, sleeps } = attachSync(service, { outlook: providerWith(APP.clientSecret) });
  return {
    service,
    standIn,
    deps,
    sleeps,
    useSecret(secret) {
      deps.providers.outlook = providerWith(secret);
    },
    close: () => standIn.close(),
  };
}

/** Graph requests (not token grants), and how many writes they carried. */
export function graphCalls(standIn: GraphStandIn) {
  const api = standIn.requests.filter((request) => !request.path.includes('/oauth2/'));
  const writes = api.reduce(
    (sum, request) => sum + (request.batch ? request.parts : request.method === 'GET' ? 0 : 1),
    0,
  );
  return { requests: api.length, batches: api.filter((request) => request.batch).length, writes };
}
