/** The write budgets of the calendar push, one row per principal (see domain/write-budget.ts). */
import type { BudgetState } from '../domain/write-budget.ts';
import type { SqlDatabase } from './sql.ts';

export interface BudgetStore {
  load(principal: string): Promise<BudgetState | null>;
  save(principal: string, state: BudgetState, now: string): Promise<void>;
  all(): Promise<{ principal: string; state: BudgetState }[]>;
}

export function createBudgetStore(db: SqlDatabase): BudgetStore {
  return {
    async load(principal) {
      const row = await db
        .prepare('SELECT state FROM push_budgets WHERE principal = ?')
        .bind(principal)
        .first<{ state: string }>();
      return row ? (JSON.parse(row.state) as BudgetState) : null;
    },
    async save(principal, state, now) {
      await db
        .prepare(
          `INSERT INTO push_budgets (principal, state, updated_at) VALUES (?, ?, ?)
           ON CONFLICT (principal) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
        )
        .bind(principal, JSON.stringify(state), now)
        .run();
    },
    async all() {
      const { results } = await db
        .prepare('SELECT principal, state FROM push_budgets ORDER BY principal')
        .all<{ principal: string; state: string }>();
      return results.map((row) => ({
        principal: row.principal,
        state: JSON.parse(row.state) as BudgetState,
      }));
    },
  };
}
