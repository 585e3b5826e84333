/**
 * The calendar push's write budgets: before each batch, the sync takes from its principal's budget as many writes
 * as may go now (waiting, on the injected clock, until the last 60 seconds leave room), and settles them when the
 * batch is answered. The state lives in the database, so a restart counts the writes made just before it. Within
 * one process one principal's budget is read and written by one caller at a time; across Worker invocations the row
 * is read before and written after each grant (D1 has no row locks), which is exact while one drain runs at a time.
 */
import {
  admit,
  type BudgetState,
  freshBudget,
  recover,
  settle,
  spend,
  throttle,
} from '../domain/write-budget.ts';
import type {
  CalendarProvider,
  ProviderName,
  ProviderTarget,
} from '../providers/calendar-provider.ts';
import type { ShareRecord } from '../domain/sync-plan.ts';
import type { Store } from '../storage/store.ts';

export interface Grant {
  /** 0 only when the caller would rather not wait (`maxWaitMs`): `waitMs` says how long until a write may go. */
  granted: number;
  /** When it was granted (ms), to settle it. */
  at: number;
  waitMs?: number;
}

export interface WriteBudget {
  /**
   * Waits until some of `wanted` writes may go, and takes how many may (1…wanted); with `maxWaitMs`, a longer wait
   * is not waited: the grant is 0 writes and says how long it would have been (a queue consumer retries later).
   */
  take(
    provider: ProviderName,
    principal: string,
    wanted: number,
    maxWaitMs?: number,
  ): Promise<Grant>;
  /** The writes of a grant were answered: they count from now on (see domain/write-budget.ts). */
  settle(provider: ProviderName, principal: string, grant: Grant): Promise<void>;
  /** The service answered 429 or a rate-limit 403: the rate halves. */
  throttled(provider: ProviderName, principal: string): Promise<void>;
  /** Writes per minute the principal may make now; undefined when its provider has no budget. */
  rateOf(provider: ProviderName, principal: string): Promise<number | undefined>;
}

/** Writes per minute by provider; a provider without one is not limited. */
export type WriteLimits = Partial<Record<ProviderName, number>>;

/** Google counts per service account; Graph per app and mailbox. */
export function principalOf(provider: CalendarProvider, target: ProviderTarget): string {
  const who = provider.principal ?? provider.name;
  return provider.name === 'outlook' ? `${who}/${target.mailbox ?? ''}` : who;
}

/** Takes `count` writes in as many grants as the budget needs, waiting between them; answers the grants. */
export async function takeAll(
  budget: WriteBudget,
  provider: ProviderName,
  principal: string,
  count: number,
): Promise<Grant[]> {
  const grants: Grant[] = [];
  for (let left = count; left > 0; ) {
    const grant = await budget.take(provider, principal, left);
    grants.push(grant);
    left -= grant.granted;
  }
  return grants;
}

/** Sharing changes are writes too: one per share given or withdrawn, taken from the budget first. */
export async function sharesWithinBudget(
  deps: { budget?: WriteBudget | undefined },
  provider: CalendarProvider,
  target: ProviderTarget,
  wanted: readonly string[],
  made: readonly ShareRecord[],
): Promise<ShareRecord[]> {
  if (!provider.syncShares) return [...made];
  const changes =
    wanted.filter((account) => !made.some((share) => share.account === account)).length +
    made.filter((share) => !wanted.includes(share.account)).length;
  const principal = principalOf(provider, target);
  const grants = deps.budget ? await takeAll(deps.budget, provider.name, principal, changes) : [];
  try {
    return await provider.syncShares(target, wanted, made);
  } finally {
    for (const grant of grants) await deps.budget?.settle(provider.name, principal, grant);
  }
}

export function createWriteBudget(
  deps: { store: Store; now(): Date; sleep(ms: number): Promise<void> },
  limits: WriteLimits,
): WriteBudget {
  const queues = new Map<string, Promise<unknown>>();
  /** One caller at a time per principal, in arrival order. */
  const serially = <T>(key: string, work: () => Promise<T>): Promise<T> => {
    const next = (queues.get(key) ?? Promise.resolve()).then(work, work);
    queues.set(
      key,
      next.catch(() => undefined),
    );
    return next;
  };
  const keyOf = (provider: ProviderName, principal: string) => `${provider}:${principal}`;
  const nowMs = () => deps.now().getTime();
  const save = (key: string, state: BudgetState) =>
    deps.store.budgets.save(key, state, deps.now().toISOString());

  async function load(key: string, budget: number): Promise<BudgetState> {
    const now = nowMs();
    const stored = await deps.store.budgets.load(key);
    // A budget lowered in the configuration takes effect at once.
    const state = stored
      ? { ...stored, rate: Math.min(stored.rate, budget) }
      : freshBudget(budget, now);
    return recover(state, budget, now);
  }

  return {
    take(provider, principal, wanted, maxWaitMs) {
      const budget = limits[provider];
      if (!budget) return Promise.resolve({ granted: wanted, at: nowMs() });
      const key = keyOf(provider, principal);
      return serially(key, async () => {
        for (;;) {
          const state = await load(key, budget);
          const at = nowMs();
          const { granted, waitMs } = admit(state, wanted, at);
          if (granted > 0) {
            await save(key, spend(state, granted, at));
            return { granted, at };
          }
          if (maxWaitMs !== undefined && waitMs > maxWaitMs) return { granted: 0, at, waitMs };
          await deps.sleep(waitMs);
        }
      });
    },
    settle(provider, principal, grant) {
      const budget = limits[provider];
      if (!budget) return Promise.resolve();
      const key = keyOf(provider, principal);
      return serially(key, async () => {
        const state = await load(key, budget);
        await save(key, settle(state, grant.granted, grant.at, nowMs()));
      });
    },
    async rateOf(provider, principal) {
      const budget = limits[provider];
      return budget ? (await load(keyOf(provider, principal), budget)).rate : undefined;
    },
    throttled(provider, principal) {
      const budget = limits[provider];
      if (!budget) return Promise.resolve();
      const key = keyOf(provider, principal);
      return serially(key, async () => {
        await save(key, throttle(await load(key, budget), nowMs()));
      });
    },
  };
}
