import { describe, expect, it } from 'vitest';
import type { DesiredRemoteEvent } from '../../src/domain/remote-event.ts';
import { planSync, type RemoteEvent, type SyncRecord } from '../../src/domain/sync-plan.ts';

const horizon = { from: '2024-04-02', to: '2025-05-02' };
const key = (date: string) => `r/${date}/primary`;
const desired = (date: string, hash = 'h1'): DesiredRemoteEvent => ({
  slotKey: key(date),
  rosterId: 'r',
  date,
  hash,
  content: {
    summary: 's',
    description: 'd',
    location: 'l',
    start: `${date}T07:30:00+07:00`,
    end: `${date}T16:30:00+07:00`,
    timeZone: 'Asia/Ho_Chi_Minh',
  },
});
const record = (date: string, hash = 'h1', state: SyncRecord['state'] = 'present'): SyncRecord => ({
  slotKey: key(date),
  date,
  remoteId: `id-${date}`,
  etag: 'e',
  contentHash: hash,
  state,
});
const remote = (date: string, hash = 'h1', cancelled = false): RemoteEvent => ({
  slotKey: key(date),
  date,
  remoteId: `id-${date}`,
  etag: 'e',
  contentHash: hash,
  cancelled,
});
const summary = (plan: ReturnType<typeof planSync>) =>
  plan.ops.map(
    (op) => `${op.type} ${op.slotKey.split('/')[1]}${'reason' in op ? ` ${op.reason}` : ''}`,
  );

describe('planning from records (outbox drain)', () => {
  it('creates new slots, updates changed ones, restores deleted ones and skips the rest', () => {
    const plan = planSync({
      desired: [
        desired('2024-05-06'),
        desired('2024-05-07', 'h2'),
        desired('2024-05-08'),
        desired('2024-05-09'),
      ],
      records: [record('2024-05-07'), record('2024-05-08', 'h1', 'deleted'), record('2024-05-09')],
      horizon,
    });
    expect(summary(plan)).toEqual([
      'create 2024-05-06',
      'update 2024-05-07 changed',
      'update 2024-05-08 restore',
    ]);
    expect(plan.unchanged).toBe(1);
  });

  it('deletes a slot that vanished inside the horizon, and leaves history before it alone', () => {
    const plan = planSync({
      desired: [],
      records: [record('2024-05-10'), record('2024-03-01'), record('2024-05-11', '', 'deleted')],
      horizon,
    });
    expect(summary(plan)).toEqual(['delete 2024-05-10']);
  });
});

describe('planning against the calendar (full resync)', () => {
  it('repairs hand edits and deletions, and adopts events whose record was lost', () => {
    const plan = planSync({
      desired: [
        desired('2024-05-06'),
        desired('2024-05-07'),
        desired('2024-05-08'),
        desired('2024-05-09'),
        desired('2024-05-10'),
      ],
      records: [record('2024-05-06'), record('2024-05-07'), record('2024-05-08')],
      remote: [
        remote('2024-05-06', 'edited'),
        remote('2024-05-07', 'h1', true),
        remote('2024-05-09'),
      ],
      horizon,
    });
    expect(summary(plan)).toEqual([
      'update 2024-05-06 drift',
      'update 2024-05-07 restore',
      'update 2024-05-08 restore', // missing from the listing but recorded: restore under its id
      'adopt 2024-05-09', // on the calendar, unknown to the records (crash after the create)
      'create 2024-05-10',
    ]);
  });

  it('deletes an owned event no slot wants any more, once, and never a cancelled one again', () => {
    const plan = planSync({
      desired: [],
      records: [record('2024-05-06')],
      remote: [remote('2024-05-06'), remote('2024-05-07', 'h1', true), remote('2024-05-08')],
      horizon,
    });
    expect(summary(plan)).toEqual(['delete 2024-05-06', 'delete 2024-05-08']);
  });

  it('writes nothing when the calendar already shows every slot as wanted', () => {
    const plan = planSync({
      desired: [desired('2024-05-06')],
      records: [record('2024-05-06')],
      remote: [remote('2024-05-06')],
      horizon,
    });
    expect(plan).toEqual({ ops: [], unchanged: 1 });
  });
});
