/**
 * A roster's webhooks: registered with a URL that passes the SSRF guard and the event types wanted (all when none
 * are named), answered once with their `whsec_…` signing secret, listed without it (with their state: active,
 * failing since when, paused), turned back on after a pause, deleted.
 */
import { webhookUrlProblem } from '../domain/webhook-url.ts';
import type { WebhookRecord } from '../storage/notice-settings-store.ts';
import { plainAuditStatement } from '../storage/statements.ts';
import { type ServiceContext, stampOf } from './context.ts';
import { conflict, invalid, notFound } from './errors.ts';
import { requireRoster } from './roster-state.ts';

export interface WebhookInput {
  url: string;
  events?: string[] | undefined;
}

const audit = (
  ctx: ServiceContext,
  action: string,
  rosterId: string,
  id: string,
  before: unknown,
  after: unknown,
) =>
  plainAuditStatement(
    ctx.store.db,
    { action, rosterId, entity: 'webhook', entityId: id, before, after },
    stampOf(ctx),
  ).run();

function newSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return `whsec_${btoa(String.fromCharCode(...bytes))}`;
}

export async function addWebhook(
  ctx: ServiceContext,
  rosterId: string,
  input: WebhookInput,
  allowPrivate: boolean,
): Promise<WebhookRecord & { secret: string }> {
  await requireRoster(ctx, rosterId);
  const problem = webhookUrlProblem(input.url, allowPrivate);
  if (problem) {
    const coded = { code: 'webhook-url', params: { reason: problem } };
    throw invalid(`url ${problem}`, [{ field: 'url', message: problem, ...coded }], coded);
  }
  const record: WebhookRecord = {
    id: crypto.randomUUID(),
    rosterId,
    url: input.url,
    events: [...new Set(input.events ?? [])],
    createdAt: stampOf(ctx).now,
    failingSince: null,
    failures: 0,
    lastError: null,
    disabledAt: null,
  };
  const secret = newSecret();
  await ctx.store.noticeSettings.addWebhook(record, secret);
  await audit(ctx, 'webhook.create', rosterId, record.id, null, record);
  return { ...record, secret };
}

export async function listWebhooks(
  ctx: ServiceContext,
  rosterId: string,
): Promise<WebhookRecord[]> {
  await requireRoster(ctx, rosterId);
  const hooks = await ctx.store.noticeSettings.webhooks(rosterId);
  return hooks.map(({ secret: _secret, ...hook }) => hook);
}

/** Calls a webhook paused for failing again (audited); a webhook that is not paused is a conflict. */
export async function enableWebhook(
  ctx: ServiceContext,
  rosterId: string,
  id: string,
): Promise<WebhookRecord> {
  const hook = (await listWebhooks(ctx, rosterId)).find((candidate) => candidate.id === id);
  if (!hook) throw notFound(`webhook "${id}"`);
  if (!(await ctx.store.noticeSettings.enableWebhook(rosterId, id)))
    throw conflict(`webhook "${id}" is not paused`, [], { code: 'webhook-not-paused' });
  const enabled = { ...hook, failingSince: null, failures: 0, lastError: null, disabledAt: null };
  await audit(
    ctx,
    'webhook.enable',
    rosterId,
    id,
    { disabledAt: hook.disabledAt },
    { disabledAt: null },
  );
  return enabled;
}

export async function deleteWebhook(ctx: ServiceContext, rosterId: string, id: string) {
  await requireRoster(ctx, rosterId);
  if (!(await ctx.store.noticeSettings.deleteWebhook(rosterId, id)))
    throw notFound(`webhook "${id}"`);
  await audit(ctx, 'webhook.delete', rosterId, id, { id }, null);
}
