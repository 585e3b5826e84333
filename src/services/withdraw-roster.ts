/**
 * Withdrawing a deleted roster from one provider's calendar, like any other sync: every event lichtruc recorded
 * there is deleted in batches, each recorded as it lands (a crash resumes where it stopped), rate limits are retried
 * with backoff, then the shares lichtruc made are withdrawn. Only when nothing is left is the withdrawal forgotten;
 * until then it stays pending with a message a person can act on.
 */
import type { SyncOp } from '../domain/sync-plan.ts';
import { ProviderError, type ProviderName } from '../providers/calendar-provider.ts';
import type { Withdrawal } from '../storage/sync-withdrawals.ts';
import { executeOps } from './execute-ops.ts';
import type { SyncDeps } from './sync-deps.ts';
import { newRunResult, recordOf, type SyncRunResult } from './sync-run.ts';
import { sharesWithinBudget } from './write-budget.ts';

export async function withdrawRoster(
  deps: SyncDeps,
  withdrawal: Withdrawal,
): Promise<SyncRunResult | null> {
  const name = withdrawal.provider as ProviderName;
  const provider = deps.providers[name];
  // Not configured here (any more): the withdrawal waits for the credentials to come back.
  if (!provider) return null;
  const { rosterId, target } = withdrawal;
  const result = newRunResult(name, rosterId, { full: false, dryRun: false });
  const deletes = (await deps.store.sync.recordsToWithdraw(withdrawal)).map(
    (record): Extract<SyncOp, { type: 'delete' }> => ({
      type: 'delete',
      slotKey: record.slotKey,
      remoteId: record.remoteId,
      date: record.date,
    }),
  );
  result.plan.delete = deletes.length;
  try {
    const outcome = await executeOps(deps, provider, target, deletes, (landed) =>
      deps.store.sync.saveRecords(
        name,
        rosterId,
        landed.map(({ op, remoteId, etag }) => recordOf(op, remoteId, etag)),
        deps.now().toISOString(),
      ),
    );
    Object.assign(result, {
      applied: outcome.applied,
      failed: outcome.rejected.length,
      pending: outcome.pending,
      error: outcome.rejected[0]?.message ?? outcome.lastRetryable?.message ?? null,
    });
    if (outcome.waitMs !== undefined) result.waitMs = outcome.waitMs;
    const made = await deps.store.sync.shares(name, rosterId);
    if (made.length > 0)
      await deps.store.sync.saveShares(
        name,
        rosterId,
        target.calendarId,
        await sharesWithinBudget(deps, provider, target, [], made),
      );
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    result.error = error.message;
    result.blocked = error.kind === 'credentials' || error.kind === 'not-shared';
    result.pending = deletes.length - result.applied;
  }
  if (result.error === null && result.pending === 0 && result.failed === 0)
    await deps.store.sync.finishWithdrawal(name, rosterId);
  else await saveWithdrawalState(deps, result);
  return result;
}

/** What is left of a withdrawal shows in the sync status, under the deleted roster's id. */
async function saveWithdrawalState(deps: SyncDeps, result: SyncRunResult): Promise<void> {
  const at = deps.now().toISOString();
  await deps.store.sync.saveState({
    provider: result.provider,
    rosterId: result.rosterId,
    lastStartedAt: at,
    lastFinishedAt: at,
    lastResult: { delete: result.plan.delete, applied: result.applied, pending: result.pending },
    lastError: result.error,
    blocked: false,
    progress: null,
  });
}
