/**
 * The HTTP application, the same on Node and on Workers: request ids, security headers, a bearer token (the admin
 * token or an account's) on every /api route, one authorization check from ROUTE_POLICY, one resource per sub-app,
 * the web pages (/my for staff, /desks for the public, /admin behind a session), and every error turned into
 * problem+json in one place.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { authenticateToken } from '../services/authenticate.ts';
import { publicFields, ServiceError } from '../services/errors.ts';
import { RateLimited } from '../services/rate-limit.ts';
import { StorageWriteError } from '../storage/sql.ts';
import { authorize } from './authorize.ts';
import type { AppDeps, HonoEnv } from './env.ts';
import { COPY_SCRIPT_PATHS, COPY_SCRIPT_SOURCE } from './pages/copy-button.ts';
import { problem } from './problem.ts';
import { clientAddressOf, HttpError, MAX_BODY_BYTES } from './request.ts';
import { accounts } from './routes/accounts.ts';
import { admin } from './routes/admin.ts';
import { adminAccounts } from './routes/admin-accounts.ts';
import { adminAccountEmail } from './routes/admin-account-email.ts';
import { adminAbsences } from './routes/admin-absences.ts';
import { adminPasswords } from './routes/admin-passwords.ts';
import { adminTokens } from './routes/admin-tokens.ts';
import { adminAuth, requireAdmin } from './routes/admin-auth.ts';
import { adminLoginLink } from './routes/admin-login-link.ts';
import { adminErrorPage, isAdminPath } from './routes/admin-errors.ts';
import { adminHolidays } from './routes/admin-holidays.ts';
import { adminImport } from './routes/admin-import.ts';
import { adminMembers } from './routes/admin-members.ts';
import { adminNotices } from './routes/admin-notices.ts';
import { adminReport } from './routes/admin-report.ts';
import { adminRequests } from './routes/admin-requests.ts';
import { adminDeadLetters } from './routes/admin-dead-letters.ts';
import { adminTools } from './routes/admin-tools.ts';
import { audit } from './routes/audit.ts';
import { desks } from './routes/desks.ts';
import { docs } from './routes/docs.ts';
import { facts } from './routes/facts.ts';
import { feeds } from './routes/feeds.ts';
import { health } from './routes/health.ts';
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
  // The page showing a new API token runs one script, its copy button, allowed by its hash alone.
  const copyHeaders = secureHeaders({
    referrerPolicy: 'no-referrer',
    contentSecurityPolicy: {
      ...policy,
      scriptSrc: [COPY_SCRIPT_SOURCE],
      frameAncestors: ["'none'"],
    },
  });
  app.use((c, next) => {
    if (EMBEDDABLE.test(c.req.path)) return embeddableHeaders(c, next);
    return (COPY_SCRIPT_PATHS.has(c.req.path) ? copyHeaders : pageHeaders)(c, next);
  });

  // Counted while streaming, before sign-in: a chunked body (no Content-Length) is refused as soon as it passes the
  // limit, so no route, signed in or not, ever holds more than MAX_BODY_BYTES of one request.
  app.use(
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        problem(c, 'payload-too-large', `the body is larger than ${MAX_BODY_BYTES} bytes`),
    }),
  );

  app.use('/api/*', async (c, next) => {
    if (PUBLIC_API.has(c.req.path)) return next();
    const header = c.req.header('authorization') ?? '';
    const token = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
    const principal = await authenticateToken(
      {
        store: deps.store,
        adminTokenHash: deps.adminTokenHash,
        now: deps.now(),
        address: clientAddressOf(c),
      },
      token,
    );
    if (!principal)
      return problem(c, 'unauthorized', 'send Authorization: Bearer <admin token or API token>');
    c.set('principal', principal);
    return next();
  });

  // The web pages: /my/{token} is opened by its secret token, /admin by a session (see routes/admin-auth.ts).
  app.use('/admin', requireAdmin);
  app.use('/admin/*', requireAdmin);
  for (const path of ['/api/*', '/admin', '/admin/*']) app.use(path, authorize);

  for (const routes of [
    health,
    letterImport,
    rosters,
    accounts,
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
    adminLoginLink,
    admin,
    adminAbsences,
    adminTools,
    adminDeadLetters,
    adminHolidays,
    adminMembers,
    adminImport,
    webhooks,
    notices,
    zalo,
    adminNotices,
    adminRequests,
    adminAccounts,
    adminAccountEmail,
    adminTokens,
    adminPasswords,
    adminReport,
  ])
    app.route('/', routes);

  app.notFound((c) =>
    isAdminPath(c.req.path)
      ? adminErrorPage(c)
      : problem(c, 'not-found', `no route for ${c.req.method} ${c.req.path}`),
  );
  app.onError((error, c) => {
    if (error instanceof RateLimited) {
      const response = problem(c, 'too-many-requests', error.message);
      response.headers.set('retry-after', String(error.retryAfterSeconds));
      return response;
    }
    if (isAdminPath(c.req.path)) {
      if (!(error instanceof ServiceError)) deps.logError?.(error, c.get('requestId'));
      return adminErrorPage(c, error);
    }
    if (error instanceof ServiceError)
      return problem(c, error.kind, error.message, publicFields(error.fields));
    if (error instanceof HttpError) return problem(c, error.kind, error.message);
    deps.logError?.(error, c.get('requestId'));
    // Not the request's fault and not a bug: the operator must free the disk (GET /readyz says so too).
    if (error instanceof StorageWriteError) return problem(c, 'unavailable', error.message);
    return problem(
      c,
      'internal',
      'something went wrong on our side; the request id identifies it in the log',
    );
  });
  return app;
}
