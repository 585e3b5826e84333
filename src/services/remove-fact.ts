/** Removing an absence, override or swap: the slots it changed go back to what the pattern and cover say. */
import type { FactTable } from '../storage/statements.ts';
import { auditStatement, deleteFact } from '../storage/statements.ts';
import { changeFacts } from './change-facts.ts';
import { type ServiceContext, stampOf } from './context.ts';
import { notFound } from './errors.ts';

const ENTITY: Record<FactTable, string> = {
  absences: 'absence',
  overrides: 'override',
  swaps: 'swap',
};

export async function removeFact(
  ctx: ServiceContext,
  rosterId: string,
  table: FactTable,
  id: string,
) {
  return changeFacts(ctx, rosterId, (state) => {
    const list = state.facts[table] as { id: string }[];
    const found = list.find((fact) => fact.id === id);
    if (!found)
      throw notFound(`${ENTITY[table]} "${id}" of roster "${rosterId}"`, {
        entity: ENTITY[table],
        id,
      });
    const stamp = stampOf(ctx);
    const dates = factDates(found);
    return {
      statements: [
        deleteFact(table, rosterId, id),
        auditStatement(
          {
            action: `${ENTITY[table]}.delete`,
            rosterId,
            entity: ENTITY[table],
            entityId: id,
            before: found,
          },
          stamp,
        ),
      ],
      next: { ...state.facts, [table]: list.filter((fact) => fact.id !== id) },
      range: { from: dates[0]!, to: dates[dates.length - 1]! },
      result: found,
    };
  });
}

/** The dates a fact touches, in order. */
function factDates(fact: object): string[] {
  const record = fact as {
    from?: string;
    to?: string;
    date?: string;
    first?: { date: string };
    second?: { date: string };
  };
  const dates = [
    record.from,
    record.to,
    record.date,
    record.first?.date,
    record.second?.date,
  ].filter((date): date is string => Boolean(date));
  return dates.sort();
}
