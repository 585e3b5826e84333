import { afterAll, afterEach, expect, it } from 'vitest';
import { drainOutbox } from '../../src/services/drain-outbox.ts';
import { reconcileRoster } from '../../src/services/reconcile-rosters.ts';
import { createOutlookProvider } from '../../src/providers/outlook/outlook-provider.ts';
import { addAbsence } from '../../src/services/add-absence.ts';
import { type GraphStandIn, startGraphStandIn } from '../stand-ins/graph-calendar.ts';
import {
  ACCOUNT,
  apiCalls,
  type GoogleSyncFixture,
  ROSTER_ID,
  startGoogleSync,
} from '../support/google-sync.ts';
import { APP, graphCalls, MAILBOX } from '../support/outlook-sync.ts';
import { closeTrustingDispatchers, trustingFetch } from '../support/tls.ts';

let google: GoogleSyncFixture;
let graph: GraphStandIn;

afterEach(async () => {
  await google?.close();
  await graph?.close();
});
afterAll(closeTrustingDispatchers);

it('Google and Outlook stay independent: one stopped provider never holds the other back', async () => {
  google = await startGoogleSync({
    editRoster: (text) => `${text}  outlook:\n    mailbox: ${MAILBOX}\n`,
  });
  graph = await startGraphStandIn({ now: () => google.service.ctx.now().getTime() });
  graph.registerApp(APP);
  graph.createMailbox(MAILBOX);
  google.deps.providers.outlook = createOutlookProvider({
    ...APP,
    graphBaseUrl: graph.graphBaseUrl,
    loginBaseUrl: graph.loginBaseUrl,
    fetch: trustingFetch(graph.caPem),
    now: google.service.ctx.now,
  });
  const first = await reconcileRoster(google.deps, ROSTER_ID);
  expect(first.map((result) => [result.provider, result.pending, result.error])).toEqual([
    ['google', 0, null],
    ['outlook', 0, null],
  ]);

  // Google's key is revoked; a substitution still reaches Outlook at once.
  google.standIn.revokeServiceAccount(ACCOUNT);
  google.standIn.resetLog();
  graph.resetLog();
  await addAbsence(google.service.ctx, ROSTER_ID, {
    memberId: 'nguyen-manh-ha',
    from: '2024-05-06',
    to: '2024-05-06',
    reason: 'leave',
  });
  const results = await drainOutbox(google.deps);
  expect(results.map((result) => [result.provider, result.blocked, result.applied])).toEqual([
    ['google', true, 0],
    ['outlook', false, 1],
  ]);
  expect(graphCalls(graph).writes).toBe(1);

  // The change stays queued for Google only: draining again writes nothing more to Outlook.
  graph.resetLog();
  await drainOutbox(google.deps);
  expect(graphCalls(graph).writes).toBe(0);
  expect(await google.deps.store.sync.pendingRosters()).toHaveLength(1);

  // Once Google has a working key again, a resync delivers it and empties the outbox.
  google.useKey(ACCOUNT);
  google.standIn.resetLog();
  await google.service.json('POST', `/api/rosters/${ROSTER_ID}/sync`, 200, {
    providers: ['google'],
  });
  expect(apiCalls(google.standIn).writes).toBe(1);
  await drainOutbox(google.deps);
  expect(await google.deps.store.sync.pendingRosters()).toEqual([]);
});
