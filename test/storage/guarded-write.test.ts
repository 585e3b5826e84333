import { describe, expect, it } from 'vitest';
import { addAbsence } from '../../src/services/add-absence.ts';
import { insertAbsence } from '../../src/storage/statements.ts';
import { startTestService } from '../support/service.ts';

const stamp = { actor: { name: 'test', requestId: null }, now: '2024-05-02T00:00:00.000Z' };
const absence = {
  memberId: 'nguyen-manh-ha',
  from: '2024-05-06',
  to: '2024-05-06',
  reason: 'leave' as const,
};

describe('guarded writes', () => {
  it('apply nothing when the roster changed since it was read', async () => {
    const { ctx } = await startTestService();
    const stored = (await ctx.store.getRoster('so-vhttdl-bac-giang'))!;
    const guard = {
      rosterId: stored.id,
      column: 'facts_version' as const,
      expected: stored.factsVersion,
    };
    expect(
      await ctx.store.commit(guard, stamp.now, [insertAbsence(stored.id, 'a1', absence, stamp)]),
    ).toBe(true);
    // A second writer that read the same version loses, and none of its statements land.
    expect(
      await ctx.store.commit(guard, stamp.now, [
        insertAbsence(stored.id, 'a2', { ...absence, from: '2024-05-08', to: '2024-05-08' }, stamp),
      ]),
    ).toBe(false);
    expect((await ctx.store.factsOf(stored.id)).absences.map((a) => a.id)).toEqual(['a1']);
  });

  it('let two admins racing to record overlapping absences end with exactly one', async () => {
    const { ctx } = await startTestService();
    const results = await Promise.allSettled([
      addAbsence(ctx, 'so-vhttdl-bac-giang', absence),
      addAbsence(ctx, 'so-vhttdl-bac-giang', { ...absence, to: '2024-05-08' }),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((await ctx.store.factsOf('so-vhttdl-bac-giang')).absences).toHaveLength(1);
  });
});
