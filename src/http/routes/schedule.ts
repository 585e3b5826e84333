/** The expanded duty slots of a roster over a range. */
import { Hono } from 'hono';
import { getSchedule } from '../../services/get-schedule.ts';
import type { HonoEnv } from '../env.ts';
import { describe } from '../openapi.ts';
import { param, readerOf, serviceContext } from '../request.ts';

export const schedule = new Hono<HonoEnv>();

schedule.get(
  describe({
    method: 'get',
    path: '/api/rosters/{id}/schedule',
    summary: 'Duty slots and closed days over an inclusive range',
    tag: 'Schedule',
    query: {
      from: 'First day, YYYY-MM-DD',
      to: 'Last day (inclusive), YYYY-MM-DD',
      lang: 'vi (default) or en',
    },
    responses: { 200: '{ slots, closedDays, conflicts }', 404: 'No such roster', 422: 'Bad range' },
  }).path,
  async (c) => {
    const language = c.req.query('lang') === 'en' ? 'en' : 'vi';
    return c.json(
      await getSchedule(
        serviceContext(c),
        param(c, 'id'),
        { from: c.req.query('from'), to: c.req.query('to') },
        language,
        readerOf(c),
      ),
    );
  },
);
