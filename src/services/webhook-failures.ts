/**
 * Counting each call to a webhook: a success ends a run of failures; a failure that makes the run long enough
 * (see domain/webhook-health.ts) pauses the webhook, audited as the notice worker's doing, so the admin pages can
 * say since when it failed and the audit log who paused it.
 */
import { pauseCutoff, WEBHOOK_PAUSE_MIN_FAILURES } from '../domain/webhook-health.ts';
import type { SendOutcome } from '../providers/notices/notice-channel.ts';
import type { Delivery } from '../storage/notice-store.ts';
import { plainAuditStatement } from '../storage/statements.ts';
import type { NoticeDeps } from './notice-deps.ts';

/** The webhook a delivery goes to: its recipient is `webhook:{id}:{what}`. */
export const webhookIdOf = (delivery: Delivery) => delivery.recipient.split(':')[1] ?? '';

export async function countWebhookCall(deps: NoticeDeps, delivery: Delivery, sent: SendOutcome) {
  const id = webhookIdOf(delivery);
  const settings = deps.store.noticeSettings;
  if (sent.status === 'delivered')
    return void (await settings.recordWebhookResult(id, { ok: true }));
  const now = deps.now();
  const paused = await settings.recordWebhookResult(id, {
    ok: false,
    error: sent.error,
    now: now.toISOString(),
    cutoff: pauseCutoff(now),
    minFailures: WEBHOOK_PAUSE_MIN_FAILURES,
  });
  if (!paused) return;
  const stamp = { actor: { name: 'notices', requestId: null }, now: now.toISOString() };
  const entry = { disabledAt: stamp.now, lastError: sent.error };
  await plainAuditStatement(
    deps.store.db,
    {
      action: 'webhook.pause',
      rosterId: delivery.rosterId,
      entity: 'webhook',
      entityId: id,
      after: entry,
    },
    stamp,
  ).run();
}
