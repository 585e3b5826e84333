/**
 * The Graph stand-in's throttling per app and mailbox (graph-quota.ts), as the official client meets it: every
 * request inside a `$batch` counts on its own, the write over the quota is that item's 429 ApplicationThrottled with
 * a Retry-After until the window has room, reads are free, another mailbox has its own quota, and the window slides
 * on the stand-in's clock.
 */
import { Client } from '@microsoft/microsoft-graph-client';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeTrustingDispatchers, trustingDispatcher } from '../support/tls.ts';
import { type GraphStandIn, startGraphStandIn } from './graph-calendar.ts';
import { mostInAnyMinute } from './write-quota.ts';

const APP = { tenantId: 'svhttdl', clientId: 'lichtruc-app', clientSecret: 'bi-mat' };
const MAILBOX = 'truc.motcua@svhttdl.bacninh.gov.vn';
const OTHER = 'truc.khac@svhttdl.bacninh.gov.vn';

let standIn: GraphStandIn;
let client: Client;
let now = Date.parse('2024-05-02T01:00:00Z');

beforeEach(async () => {
  now = Date.parse('2024-05-02T01:00:00Z');
  standIn = await startGraphStandIn({ now: () => now, writesPerMinute: 5 });
  standIn.registerApp(APP);
  standIn.createMailbox(MAILBOX);
  standIn.createMailbox(OTHER);
  const token = standIn.issueToken(APP.clientId);
  client = Client.init({
    authProvider: (done) => done(null, token),
    baseUrl: standIn.origin,
    customHosts: new Set(['127.0.0.1']),
    fetchOptions: { dispatcher: trustingDispatcher(standIn.caPem) },
  });
});
afterEach(() => standIn.close());
afterAll(() => closeTrustingDispatchers());

const event = (day: number) => ({
  subject: `Trực ${day}`,
  start: { dateTime: `2024-05-${String(day).padStart(2, '0')}T07:30:00`, timeZone: 'UTC' },
  end: { dateTime: `2024-05-${String(day).padStart(2, '0')}T17:00:00`, timeZone: 'UTC' },
});

/** One `$batch` of creates in `mailbox`; answers each item's status and Retry-After. */
async function batchOf(mailbox: string, days: number[]) {
  const answer = (await client.api('/$batch').post({
    requests: days.map((day, index) => ({
      id: String(index),
      method: 'POST',
      url: `/users/${mailbox}/events`,
      headers: { 'Content-Type': 'application/json' },
      body: event(day),
    })),
  })) as { responses: { id: string; status: number; headers?: Record<string, string> }[] };
  return answer.responses
    .sort((a, b) => Number(a.id) - Number(b.id))
    .map(
      (item) =>
        `${item.status}${item.headers?.['Retry-After'] ? ` ${item.headers['Retry-After']}` : ''}`,
    );
}

describe('the Graph stand-in with a write quota', () => {
  it('counts each $batch item and refuses the items over the quota with 429 and Retry-After', async () => {
    expect(await batchOf(MAILBOX, [6, 7, 8])).toEqual(['201', '201', '201']);
    now += 20_000;
    // Two more fit; the window's oldest writes leave 40 s from now.
    expect(await batchOf(MAILBOX, [9, 10, 13, 14])).toEqual(['201', '201', '429 40', '429 40']);
    // Reads are free, and another mailbox of the same app has a quota of its own.
    await client.api(`/users/${MAILBOX}/events`).get();
    expect(await batchOf(OTHER, [6, 7])).toEqual(['201', '201']);
    expect(standIn.quota!.refusals).toHaveLength(2);
    expect(standIn.events(MAILBOX)).toHaveLength(5);
  });

  it('slides the window: a write goes again once the oldest left it, never more than the quota in any 60 s', async () => {
    expect(await batchOf(MAILBOX, [6, 7, 8, 9, 10])).toEqual(['201', '201', '201', '201', '201']);
    now += 59_999;
    expect(await batchOf(MAILBOX, [13])).toEqual(['429 1']);
    now += 1;
    expect(await batchOf(MAILBOX, [13, 14])).toEqual(['201', '201']);
    expect(mostInAnyMinute(standIn.quota!.writes)).toBe(5);
    expect(standIn.quota!.writes.map((write) => write.date)).toEqual([
      '2024-05-06',
      '2024-05-07',
      '2024-05-08',
      '2024-05-09',
      '2024-05-10',
      '2024-05-13',
      '2024-05-14',
    ]);
  });
});
