/** Day-to-day facts of a roster: absences, overrides and swaps. Allowed on every roster, file-defined or not. */
import { Hono } from 'hono';
import type * as z from 'zod';
import { AbsenceSchema, OverrideSchema, SwapSchema } from '../../domain/facts-schema.ts';
import { lineText } from '../../domain/schema-primitives.ts';
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
import { param, parseWith, serviceContext } from '../request.ts';
import { lazySchema } from '../../domain/lazy.ts';

const TAG = 'Absences, overrides, swaps';
export const facts = new Hono<HonoEnv>();

// Month close: a change touching a closed month must say why; the reason goes with the request, not into the fact.
const CorrectionReasonSchema = lazySchema(() =>
  lineText(500).describe(
    'Why a closed month is changed: required when the change touches a month closed by month close',
  ),
);

/** The slots a change touched, as they are now (or, for a slot that vanished, as it was). */
export function changedView(roster: Roster, changes: SlotChange[]) {
  return changes.map((change) => ({
    key: change.key,
    before: change.before && slotView(roster, change.before),
    after: change.after && slotView(roster, change.after),
  }));
}

type AddVerb<T> = (
  ctx: ServiceContext,
  rosterId: string,
  input: T,
) => Promise<{ result: { id: string }; changedSlots: SlotChange[] }>;

function factRoutes<S extends z.ZodObject>(
  table: FactTable,
  one: string,
  schema: S,
  add: AddVerb<z.infer<S>>,
): void {
  const article = one === 'absence' ? 'an' : 'a';
  const body = lazySchema(() =>
    schema.safeExtend({ correctionReason: CorrectionReasonSchema.optional() }),
  );
  facts.get(
    describe({
      method: 'get',
      path: `/api/rosters/{id}/${table}`,
      summary: `List the ${table}`,
      tag: TAG,
      responses: { 200: `The ${table}` },
    }).path,
    async (c) => {
      const ctx = serviceContext(c);
      const rosterId = param(c, 'id');
      await requireRoster(ctx, rosterId);
      return c.json({ [table]: (await ctx.store.factsOf(rosterId))[table] });
    },
  );

  const record = describe({
    method: 'post',
    path: `/api/rosters/{id}/${table}`,
    summary: `Record ${article} ${one}`,
    tag: TAG,
    body,
    responses: {
      201: `The ${one} and the slots it changed`,
      404: 'No such roster',
      409: 'Overlaps another absence',
      422: 'Invalid, or touches a closed month without correctionReason',
    },
  });
  facts.post(record.path, async (c) => {
    const { correctionReason, ...input } = (await record.body(c)) as z.infer<S> & {
      correctionReason?: string;
    };
    const ctx = { ...serviceContext(c), correctionReason };
    const rosterId = param(c, 'id');
    const { result, changedSlots } = await add(ctx, rosterId, input as z.infer<S>);
    const roster = (await requireRoster(ctx, rosterId)).roster;
    c.header('location', `/api/rosters/${rosterId}/${table}/${result.id}`);
    return c.json({ [one]: result, changedSlots: changedView(roster, changedSlots) }, 201);
  });

  facts.delete(
    describe({
      method: 'delete',
      path: `/api/rosters/{id}/${table}/{factId}`,
      summary: `Remove ${article} ${one}`,
      tag: TAG,
      query: { reason: 'Why a closed month is changed (required when the removal touches one)' },
      responses: {
        204: 'Removed',
        404: 'No such roster or record',
        422: 'Touches a closed month without a reason',
      },
    }).path,
    async (c) => {
      const reason = c.req.query('reason');
      const correctionReason =
        reason === undefined ? undefined : parseWith(CorrectionReasonSchema, reason, 'the reason');
      await removeFact(
        { ...serviceContext(c), correctionReason },
        param(c, 'id'),
        table,
        param(c, 'factId'),
      );
      return c.body(null, 204);
    },
  );
}

factRoutes('absences', 'absence', AbsenceSchema, addAbsence);
factRoutes('overrides', 'override', OverrideSchema, setOverride);
factRoutes('swaps', 'swap', SwapSchema, addSwap);
