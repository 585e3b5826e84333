/**
 * The HTTP application, the same on Node and on Workers: request ids, security headers, the admin token on every
 * /api route, one resource per sub-app, the web pages (/my for staff, /desks for the public, /admin behind a
 * session), and every error turned into problem+json in one place.
 */
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { publicFields, ServiceError } from '../services/errors.ts';
import { matchesHash } from '../services/secrets.ts';
import type { AppDeps, HonoEnv } from './env.ts';
import { problem } from './problem.ts';
import { HttpError } from './request.ts';
import { admin } from './routes/admin.ts';
import { adminAbsences } from './routes/admin-absences.ts';
import { adminAuth, requireAdmin } from './routes/admin-auth.ts';
import { adminErrorPage, isAdminPath } from './routes/admin-errors.ts';
import { adminHolidays } from './routes/admin-holidays.ts';
import { adminImport } from './routes/admin-import.ts';
import { adminMembers } from './routes/admin-members.ts';
import { adminNotices } from './routes/admin-notices.ts';
import { adminReport } from './routes/admin-report.ts';
import { adminRequests } from './routes/admin-requests.ts';
import { adminTools } from './routes/admin-tools.ts';
import { audit } from './routes/audit.ts';
import { desks } from './routes/desks.ts';
import { docs } from './routes/docs.ts';
import { facts } from './routes/facts.ts';
import { feeds } from './routes/feeds.ts';
import { holidays } from './routes/holidays.ts';
import { letterImport } from './routes/letter-import.ts';
import { my } from './routes/my.ts';
import { notices } from './routes/notices.ts';
import { myRequests } from './routes/my-requests.ts';
import { publicFeed } from './routes/public-feed.ts';
import { reports } from './routes/reports.ts';
import { requests } from './routes/requests.ts';
import { rosters } from './routes/rosters.ts';
import { schedule } from './routes/schedule.ts';
import { sync } from './routes/sync.ts';
import { webhooks } from './routes/webhooks.ts';
import { zalo } from './routes/zalo.ts';

const PUBLIC_API = new Set(['/api/openapi.json', '/api/docs']);
const EMBEDDABLE = /^\/desks\/[^/]+\/embed$/;

export function createApp(deps: AppDeps): Hono<HonoEnv> {
  const app = new Hono<HonoEnv>();

  app.use(async (c, next) => {
    const requestId = crypto.randomUUID();
    c.set('requestId', requestId);
    c.set('deps', deps);
    await next();
    c.header('x-request-id', requestId);
  });
  // Feed tokens live in URLs: never leak them through a Referer.
  const policy = {
    defaultSrc: ["'none'"],
    styleSrc: ["'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    formAction: ["'self'"],
  };
  const pageHeaders = secureHeaders({
    referrerPolicy: 'no-referrer',
    contentSecurityPolicy: { ...policy, frameAncestors: ["'none'"] },
  });
  // The public desk snippet exists to be framed by the department's website, wherever that is.
  const embeddableHeaders = secureHeaders({
    referrerPolicy: 'no-referrer',
    xFrameOptions: false,
    contentSecurityPolicy: { ...policy, frameAncestors: ['*'] },
  });
  app.use((c, next) => (EMBEDDABLE.test(c.req.path) ? embeddableHeaders : pageHeaders)(c, next));

  app.use('/api/*', async (c, next) => {
    if (PUBLIC_API.has(c.req.path)) return next();
    const header = c.req.header('authorization') ?? '';
    const token = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
    if (!token || !(await matchesHash(token, deps.adminTokenHash))) {
      return problem(c, 'unauthorized', 'send Authorization: Bearer <admin token>');
    }
    return next();
  });

  // The web pages: /my/{token} is opened by its secret token, /admin by a session (see routes/admin-auth.ts).
  app.use('/admin', requireAdmin);
  app.use('/admin/*', requireAdmin);

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  for (const routes of [
    letterImport,
    rosters,
    schedule,
    reports,
    facts,
    requests,
    holidays,
    feeds,
    sync,
    audit,
    publicFeed,
    docs,
    my,
    myRequests,
    desks,
    adminAuth,
    admin,
    adminAbsences,
    adminTools,
    adminHolidays,
    adminMembers,
    adminImport,
    webhooks,
    notices,
    zalo,
    adminNotices,
    adminRequests,
    adminReport,
  ])
    app.route('/', routes);

  app.notFound((c) =>
    isAdminPath(c.req.path)
      ? adminErrorPage(c)
      : problem(c, 'not-found', `no route for ${c.req.method} ${c.req.path}`),
  );
  app.onError((error, c) => {
    if (isAdminPath(c.req.path)) {
      if (!(error instanceof ServiceError)) deps.logError?.(error, c.get('requestId'));
      return adminErrorPage(c, error);
    }
    if (error instanceof ServiceError)
      return problem(c, error.kind, error.message, publicFields(error.fields));
    if (error instanceof HttpError) return problem(c, error.kind, error.message);
    deps.logError?.(error, c.get('requestId'));
    return problem(
      c,
      'internal',
      'something went wrong on our side; the request id identifies it in the log',
    );
  });
  return app;
}
