/**
 * Sending due deliveries. Each is claimed before it leaves (status 'sending', an attempt id, a lease) and its outcome
 * recorded after. A process killed between the two leaves the row 'sending': once the lease has run out it is sent
 * again with the same attempt id, which is the e-mail's Message-ID and the webhook's `webhook-id`, so a receiver can
 * recognise the second copy (at least once, never lost). Retries back off exponentially; permanent failures and
 * deliveries out of attempts stop as 'failed', with the reason in words, for the notice log and the sync page. Each
 * call to a webhook is counted on it (webhook-failures.ts); a paused webhook's deliveries fail without a call.
 */
import type { NoticeEvent } from '../domain/notice-events.ts';
import type { OutgoingNotice, SendOutcome } from '../providers/notices/notice-channel.ts';
import type { Delivery, DeliveryOutcome } from '../storage/notice-store.ts';
import { backoffDelay } from './backoff.ts';
import type { NoticeDeps } from './notice-deps.ts';
import { countWebhookCall, webhookIdOf } from './webhook-failures.ts';

/** Longer than any send may take: SMTP and HTTP calls time out well before. */
export const SEND_LEASE_MS = 5 * 60_000;
/** Notices wait longer between attempts than the calendar push: 30 s doubling, at most an hour. */
const NOTICE_BACKOFF = { baseMs: 30_000, capMs: 60 * 60_000 };

export interface DeliveryCounts {
  delivered: number;
  retried: number;
  failed: number;
}

async function outgoing(deps: NoticeDeps, delivery: Delivery, attemptId: string) {
  const body = JSON.parse(delivery.body) as { text?: string; html?: string } & Partial<NoticeEvent>;
  const notice: OutgoingNotice = {
    id: delivery.id,
    attemptId,
    address: delivery.address,
    subject: delivery.subject,
    text: body.text ?? '',
    html: body.html ?? '',
  };
  if (delivery.channel !== 'webhook') return notice;
  const hookId = webhookIdOf(delivery);
  const hooks = await deps.store.noticeSettings.webhooks(delivery.rosterId);
  const hook = hooks.find((candidate) => candidate.id === hookId);
  if (!hook) return 'the webhook was deleted';
  if (hook.disabledAt)
    return `the webhook was paused at ${hook.disabledAt} after failing for a day; turn it back on, then resend`;
  return { ...notice, event: body as NoticeEvent, secret: hook.secret };
}

function outcomeOf(
  deps: NoticeDeps,
  delivery: Delivery,
  sent: SendOutcome,
  now: Date,
): DeliveryOutcome {
  if (sent.status === 'delivered') return sent;
  if (sent.status === 'permanent') return { status: 'failed', error: sent.error };
  const attempts = delivery.attempts + 1;
  if (attempts >= deps.settings.maxAttempts)
    return { status: 'failed', error: `${sent.error} (gave up after ${attempts} attempts)` };
  const policy = { ...NOTICE_BACKOFF, maxAttempts: deps.settings.maxAttempts };
  const delay = backoffDelay(policy, attempts - 1, sent.retryAfterMs, deps.random);
  return {
    status: 'retry',
    error: sent.error,
    nextAt: new Date(now.getTime() + delay).toISOString(),
  };
}

async function deliverOne(deps: NoticeDeps, delivery: Delivery): Promise<DeliveryOutcome | null> {
  const now = deps.now();
  const channel = deps.channels[delivery.channel];
  if (!channel)
    return { status: 'failed', error: `the ${delivery.channel} channel is not configured` };
  const attemptId = delivery.attemptId ?? crypto.randomUUID();
  const lease = new Date(now.getTime() + SEND_LEASE_MS).toISOString();
  if (!(await deps.store.notices.claim(delivery.id, attemptId, lease, now.toISOString())))
    return null;
  const notice = await outgoing(deps, delivery, attemptId);
  if (typeof notice === 'string') return { status: 'failed', error: notice };
  const sent = await channel.send(notice).catch(
    (error: unknown): SendOutcome => ({
      status: 'retry',
      error: error instanceof Error ? error.message : String(error),
    }),
  );
  if (delivery.channel === 'webhook') await countWebhookCall(deps, delivery, sent);
  return outcomeOf(deps, delivery, sent, deps.now());
}

export async function deliverDueNotices(deps: NoticeDeps, limit = 200): Promise<DeliveryCounts> {
  const counts: DeliveryCounts = { delivered: 0, retried: 0, failed: 0 };
  for (const delivery of await deps.store.notices.due(deps.now().toISOString(), limit)) {
    const outcome = await deliverOne(deps, delivery);
    if (!outcome) continue;
    await deps.store.notices.finish(delivery.id, outcome, deps.now().toISOString());
    counts[outcome.status === 'retry' ? 'retried' : outcome.status]++;
  }
  return counts;
}
