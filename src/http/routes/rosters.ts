/** Rosters: list, read, and (for rosters created over the API) create, replace, delete, edit members and periods. */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { managesOrganisation } from '../../domain/permissions.ts';
import type * as z from 'zod';
import {
  MemberSchema,
  PeriodSchema,
  type Roster,
  RosterSchema,
} from '../../domain/roster-schema.ts';
import type { StoredRoster } from '../../storage/records.ts';
import { forbidden, notFound } from '../../services/errors.ts';
import {
  createRoster,
  deleteRoster,
  editRoster,
  replaceRoster,
  rosterEtag,
} from '../../services/roster-definitions.ts';
import { requireRoster } from '../../services/roster-state.ts';
import type { HonoEnv } from '../env.ts';
import { describe } from '../openapi.ts';
import { param, serviceContext, visibleRosters } from '../request.ts';

const TAG = 'Rosters';
const view = (stored: StoredRoster) => ({
  id: stored.id,
  name: stored.roster.name,
  origin: stored.origin,
  sourcePath: stored.sourcePath,
  fileMissing: stored.fileMissing,
  version: stored.version,
  createdAt: stored.createdAt,
  updatedAt: stored.updatedAt,
  definition: stored.roster,
});

export const rosters = new Hono<HonoEnv>();

/**
 * A roster created or replaced must name an organisation the principal manages: an organisation admin can neither
 * create a roster for another department nor move one there. A malformed organisation is left to the roster's
 * validation (422).
 */
function checkOrganisation(c: Context<HonoEnv>, body: unknown): void {
  const organisationId = (body as { organisation?: { id?: unknown } } | null)?.organisation?.id;
  const principal = c.get('principal');
  if (
    principal &&
    typeof organisationId === 'string' &&
    !managesOrganisation(principal, organisationId)
  )
    throw forbidden(`a roster you write must name your organisation, not ${organisationId}`);
}

rosters.get(
  describe({
    method: 'get',
    path: '/api/rosters',
    summary: 'List rosters',
    tag: TAG,
    responses: { 200: 'Rosters' },
  }).path,
  async (c) => {
    const all = visibleRosters(c, await serviceContext(c).store.listRosters());
    return c.json({
      rosters: all.map(({ roster, ...stored }) => ({
        ...view({ ...stored, roster }),
        definition: undefined,
        members: roster.members.length,
      })),
    });
  },
);

const createRosterRoute = describe({
  method: 'post',
  path: '/api/rosters',
  summary: 'Create a roster (API-managed)',
  tag: TAG,
  body: RosterSchema,
  bodyName: 'the roster',
  responses: { 201: 'Created', 409: 'Id taken', 422: 'Invalid roster' },
});
rosters.post(createRosterRoute.path, async (c) => {
  const body = await createRosterRoute.body(c);
  checkOrganisation(c, body);
  const stored = await createRoster(serviceContext(c), body);
  c.header('etag', rosterEtag(stored));
  c.header('location', `/api/rosters/${stored.id}`);
  return c.json(view(stored), 201);
});

rosters.get(
  describe({
    method: 'get',
    path: '/api/rosters/{id}',
    summary: 'Read a roster and its ETag',
    tag: TAG,
    responses: { 200: 'The roster', 404: 'No such roster' },
  }).path,
  async (c) => {
    const stored = await requireRoster(serviceContext(c), param(c, 'id'));
    c.header('etag', rosterEtag(stored));
    return c.json(view(stored));
  },
);

const respond = (stored: StoredRoster) => {
  const response = Response.json(view(stored));
  response.headers.set('etag', rosterEtag(stored));
  return response;
};

const editRoute = <S extends z.ZodType = z.ZodNever>(
  path: string,
  method: 'post' | 'put' | 'delete',
  summary: string,
  body?: S,
  bodyName?: string,
) =>
  describe<S>({
    method,
    path,
    summary,
    tag: TAG,
    ifMatch: true,
    ...(body ? { body } : {}),
    ...(bodyName ? { bodyName } : {}),
    responses: {
      200: 'The roster after the change',
      409: 'Read-only roster',
      412: 'Changed meanwhile',
      422: 'Invalid',
      428: 'If-Match missing',
    },
  });

const replaceRosterRoute = editRoute(
  '/api/rosters/{id}',
  'put',
  'Replace a roster definition',
  RosterSchema,
  'the roster',
);
rosters.put(replaceRosterRoute.path, async (c) => {
  const next = await replaceRosterRoute.body(c);
  checkOrganisation(c, next);
  return respond(
    await replaceRoster(serviceContext(c), param(c, 'id'), c.req.header('if-match'), next),
  );
});

rosters.delete(
  describe({
    method: 'delete',
    path: '/api/rosters/{id}',
    summary: 'Delete a roster; its feed links answer 410',
    tag: TAG,
    ifMatch: true,
    responses: { 204: 'Deleted', 409: 'Read-only roster', 412: 'Changed meanwhile' },
  }).path,
  async (c) => {
    await deleteRoster(serviceContext(c), param(c, 'id'), c.req.header('if-match'));
    return c.body(null, 204);
  },
);

type Part = 'members' | 'periods';

function partRoutes(part: Part, schema: typeof MemberSchema | typeof PeriodSchema, key: string) {
  const one = part === 'members' ? 'member' : 'period';
  const listOf = (roster: Roster) => roster[part] as { id: string }[];
  const requirePart = (roster: Roster, id: string) => {
    if (!listOf(roster).some((item) => item.id === id))
      throw notFound(`${one} "${id}" of roster "${roster.id}"`);
  };
  const add = editRoute(`/api/rosters/{id}/${part}`, 'post', `Add a ${one}`, schema);
  rosters.post(add.path, async (c) => {
    const item = await add.body(c);
    return respond(
      await editRoster(serviceContext(c), param(c, 'id'), c.req.header('if-match'), (roster) => ({
        ...roster,
        [part]: [...listOf(roster), item],
      })),
    );
  });
  const replace = editRoute(
    `/api/rosters/{id}/${part}/{${key}}`,
    'put',
    `Replace a ${one}`,
    schema,
  );
  rosters.put(replace.path, async (c) => {
    const id = param(c, key);
    const item = { ...(await replace.body(c)), id };
    return respond(
      await editRoster(serviceContext(c), param(c, 'id'), c.req.header('if-match'), (roster) => {
        requirePart(roster, id);
        return {
          ...roster,
          [part]: listOf(roster).map((existing) => (existing.id === id ? item : existing)),
        };
      }),
    );
  });
  rosters.delete(
    editRoute(`/api/rosters/{id}/${part}/{${key}}`, 'delete', `Remove a ${one}`).path,
    async (c) => {
      const id = param(c, key);
      return respond(
        await editRoster(serviceContext(c), param(c, 'id'), c.req.header('if-match'), (roster) => {
          requirePart(roster, id);
          return { ...roster, [part]: listOf(roster).filter((existing) => existing.id !== id) };
        }),
      );
    },
  );
}

partRoutes('members', MemberSchema, 'memberId');
partRoutes('periods', PeriodSchema, 'periodId');
