/** Day-to-day facts of a roster: absences, overrides and swaps. Allowed on every roster, file-defined or not. */
import { Hono } from 'hono';
import type * as z from 'zod';
import { AbsenceSchema, OverrideSchema, SwapSchema } from '../../domain/facts-schema.ts';
import { slotView } from '../../domain/slot-view.ts';
import type { SlotChange } from '../../domain/slot-diff.ts';
import { addAbsence } from '../../services/add-absence.ts';
import { removeFact } from '../../services/remove-fact.ts';
import { requireRoster } from '../../services/roster-state.ts';
import { addSwap, setOverride } from '../../services/set-override.ts';
import type { FactTable } from '../../storage/statements.ts';
import type { Roster } from '../../domain/roster-schema.ts';
import type { ServiceContext } from '../../services/context.ts';
import type { HonoEnv } from '../env.ts';
import { describe } from '../openapi.ts';
import { param, readBody, serviceContext } from '../request.ts';

const TAG = 'Absences, overrides, swaps';
export const facts = new Hono<HonoEnv>();

/** The slots a change touched, as they are now (or, for a slot that vanished, as it was). */
function changedView(roster: Roster, changes: SlotChange[]) {
  return changes.map((change) => ({ key: change.key, before: change.before && slotView(roster, change.before), after: change.after && slotView(roster, change.after) }));
}

type AddVerb<T> = (ctx: ServiceContext, rosterId: string, input: T) => Promise<{ result: { id: string }; changedSlots: SlotChange[] }>;

function factRoutes<S extends z.ZodType>(table: FactTable, one: string, schema: S, add: AddVerb<z.infer<S>>): void {
  const article = one === 'absence' ? 'an' : 'a';
  facts.get(describe({ method: 'get', path: `/api/rosters/{id}/${table}`, summary: `List the ${table}`, tag: TAG, responses: { 200: `The ${table}` } }), async (c) => {
    const ctx = serviceContext(c);
    const rosterId = param(c, 'id');
    await requireRoster(ctx, rosterId);
    return c.json({ [table]: (await ctx.store.factsOf(rosterId))[table] });
  });

  facts.post(
    describe({ method: 'post', path: `/api/rosters/{id}/${table}`, summary: `Record ${article} ${one}`, tag: TAG, body: schema, responses: { 201: `The ${one} and the slots it changed`, 404: 'No such roster', 409: 'Overlaps another absence', 422: 'Invalid' } }),
    async (c) => {
      const ctx = serviceContext(c);
      const rosterId = param(c, 'id');
      const { result, changedSlots } = await add(ctx, rosterId, await readBody(c, schema));
      const roster = (await requireRoster(ctx, rosterId)).roster;
      c.header('location', `/api/rosters/${rosterId}/${table}/${result.id}`);
      return c.json({ [one]: result, changedSlots: changedView(roster, changedSlots) }, 201);
    },
  );

  facts.delete(
    describe({ method: 'delete', path: `/api/rosters/{id}/${table}/{factId}`, summary: `Remove ${article} ${one}`, tag: TAG, responses: { 204: 'Removed', 404: 'No such roster or record' } }),
    async (c) => {
      await removeFact(serviceContext(c), param(c, 'id'), table, param(c, 'factId'));
      return c.body(null, 204);
    },
  );
}

factRoutes('absences', 'absence', AbsenceSchema, addAbsence);
factRoutes('overrides', 'override', OverrideSchema, setOverride);
factRoutes('swaps', 'swap', SwapSchema, addSwap);
