/**
 * Turning recorded slot changes into deliveries. A roster's changes wait until it has been quiet for the coalescing
 * window, then count by their net result (an absence entered and removed within it tells nobody). Deliveries and the
 * removal of the changes they came from land in one batch, and a delivery's id derives from (notice, recipient,
 * channel): planning again after a crash makes no second notice.
 */
import { addDays } from '../domain/dates.ts';
import { netChanges, planNotices } from '../domain/notice-plan.ts';
import { dateInZone } from '../domain/zone.ts';
import type { PendingChange } from '../storage/notice-store.ts';
import type { NoticeDeps } from './notice-deps.ts';
import { deliveriesFor } from './notice-recipients.ts';
import { readRoster } from './read-roster.ts';

export async function planPendingNotices(deps: NoticeDeps): Promise<{ deliveries: number }> {
  const byRoster = new Map<string, PendingChange[]>();
  for (const pending of await deps.store.notices.pendingChanges())
    byRoster.set(pending.rosterId, [...(byRoster.get(pending.rosterId) ?? []), pending]);
  const now = deps.now();
  let deliveries = 0;
  for (const [rosterId, pending] of byRoster) {
    const newest = pending.at(-1)!;
    // By time, not by seq: a holiday edit's rows carry the edit's time, however late the fan-out wrote them.
    const quietSince = Math.max(...pending.map((row) => Date.parse(row.enqueuedAt)));
    if (quietSince > now.getTime() - deps.settings.coalesceMs) continue;
    const stored = await readRoster(deps, rosterId);
    // Its changes stay pending: told once the roster reads again.
    if (stored === 'unreadable') continue;
    const today = stored && dateInZone(now, stored.roster.timeZone);
    const plan =
      stored && today
        ? planNotices(netChanges(pending.map((row) => row.change)), {
            from: today,
            to: addDays(today, deps.settings.days),
          })
        : null;
    const noticeId = `${rosterId}/${pending[0]!.seq}-${newest.seq}`;
    const rows = stored && plan ? await deliveriesFor(deps, stored, plan, noticeId) : [];
    await deps.store.notices.plan(rosterId, newest.seq, rows);
    deliveries += rows.length;
  }
  return { deliveries };
}
