/**
 * Benchmarks of the push to Outlook, against the Microsoft Graph stand-in (test/stand-ins/graph-calendar.ts, a
 * node:https server on 127.0.0.1 in this process with a throw-away certificate, made once per process) with the real
 * provider: `createOutlookProvider`, i.e. the official `@microsoft/microsoft-graph-client` (its retry middleware
 * kept) for listing and single writes, `$batch` for bulk writes (20 writes at most), an app-only client-credentials
 * grant; its fetch is Node's, trusting the stand-in's certificate (test/support/tls.ts). The scenarios, checks,
 * request counts and time split are calendar-push.ts's, shared with the Google benchmark; this file says how the
 * Graph stand-in, mailboxes and provider are set up: each roster publishes to the default calendar of a mailbox of
 * its own (`publish.outlook: { mailbox }`, the desk's mailbox as the README sets it up), all written by one app
 * registration whose application access policy grants exactly those mailboxes.
 *
 * Why not 50 calendars in one mailbox: the stand-in dedupes a create by scanning every event of the mailbox for its
 * transactionId, so one mailbox of 13,550 events makes its work grow with the square of the events (measured: the
 * organisation's initial sync took ~12 s instead of ~7.5 s, all of it in the stand-in), which says nothing of lichtruc.
 *
 * Run alone with `node bench/outlook-sync.bench.ts [--quick]`.
 */
import type { Roster } from '../src/domain/roster-schema.ts';
import {
  createOutlookProvider,
  GRAPH_BATCH_LIMIT,
} from '../src/providers/outlook/outlook-provider.ts';
import {
  type Certificate,
  type GraphStandIn,
  startGraphStandIn,
} from '../test/stand-ins/graph-calendar.ts';
import { createSelfSignedCertificate } from '../test/stand-ins/graph-tls.ts';
import { closeTrustingDispatchers, trustingFetch } from '../test/support/tls.ts';
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
import { SAMPLE_ROSTER_ID } from './feeds.bench.ts';

/** The desk's mailbox: the sample roster's as in the tests, a made-up one per desk of the organisation. */
const mailboxOf = (rosterId: string) =>
  rosterId === SAMPLE_ROSTER_ID
    ? 'truc.motcua@svhttdl.bacninh.gov.vn'
    : `truc.${rosterId}@svhttdl.bacninh.gov.vn`;
const APP = {
  tenantId: 'svhttdl-bacninh',
  clientId: 'lichtruc-app',
  clientSecret: 'bi-mat-thu-nghiem',
};

/** One certificate per process (openssl takes ~0.2 s): every stand-in started here serves it. */
let certificate: Promise<Certificate> | undefined;

function requestsOf(standIn: GraphStandIn): Requests {
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
    if (request.path.includes('/oauth2/')) counts.grants++;
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

export const outlookBackend: PushBackend = {
  provider: 'outlook',
  batchLimit: GRAPH_BATCH_LIMIT,
  orgNote: `${ORG_ROSTERS} mailboxes (one each, default calendar) on one stand-in, one app`,
  async start(rosters, now) {
    certificate ??= createSelfSignedCertificate();
    const standIn = await startGraphStandIn({
      now: () => now().getTime(),
      certificate: await certificate,
    });
    standIn.registerApp(APP);
    const published = rosters.map((roster): Roster => {
      const mailbox = mailboxOf(roster.id);
      standIn.createMailbox(mailbox, { displayName: roster.name });
      standIn.grantMailbox(APP.clientId, mailbox);
      return { ...roster, publish: { outlook: { mailbox } } };
    });
    const provider = createOutlookProvider({
      ...APP,
      graphBaseUrl: standIn.graphBaseUrl,
      loginBaseUrl: standIn.loginBaseUrl,
      fetch: trustingFetch(standIn.caPem),
      now,
    });
    return {
      rosters: published,
      provider,
      port: Number(new URL(standIn.origin).port),
      resetLog: () => standIn.resetLog(),
      requests: () => requestsOf(standIn),
      eventCount: (rosterId) => standIn.events(mailboxOf(rosterId)).length,
      close: () => standIn.close(),
    };
  },
  // The keep-alive agent trusting the certificate (one, cached by test/support/tls.ts).
  finish: closeTrustingDispatchers,
};

export const runOutlookSyncBenchmarks = (options: PushBenchOptions): Promise<PushResult[]> =>
  runPushBenchmarks(outlookBackend, options);

export const OUTLOOK_SYNC_NOTES = [
  "- Outlook: the official `@microsoft/microsoft-graph-client` over HTTPS (the stand-in's throw-away certificate,",
  '  trusted by an undici agent), `$batch` (20 writes at most; a lone last write goes as a single call), an app-only',
  "  client-credentials grant; lists are GET pages of the calendar's events filtered on the roster's extended",
  '  property ($top 1,000, nextLink; every listing here fits in one); grants are POST /{tenant}/oauth2/v2.0/token.',
  "  Each roster publishes to the default calendar of a mailbox of its own (the desk's), all 50 granted to the one",
  '  app by its application access policy.',
];

if (import.meta.main) {
  const quick = process.argv.includes('--quick');
  const results = await runOutlookSyncBenchmarks({
    quick,
    log: (line) => console.error(`… ${line}`),
  });
  console.log(pushTable(results));
  console.log();
  console.log([...PUSH_NOTES, ...OUTLOOK_SYNC_NOTES].join('\n'));
}
