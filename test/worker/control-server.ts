/**
 * The stand-ins' control panel for tests running in workerd, which cannot call into the Node process that holds the
 * stand-ins: a tiny JSON-over-HTTP server on 127.0.0.1 that creates calendars and mailboxes, shows the events
 * they hold, and deletes one by hand. Node-only (runs in the Vitest global setup).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GoogleStandIn } from '../stand-ins/google-calendar.ts';
import type { GraphStandIn } from '../stand-ins/graph-calendar.ts';
import type { SmtpFault, SmtpStandIn } from '../stand-ins/smtp-server.ts';
import type { WebhookReceiver } from '../stand-ins/webhook-receiver.ts';
import type { ZaloBotStandIn } from '../stand-ins/zalo-bot.ts';

export interface ControlServer {
  url: string;
  close(): Promise<void>;
}

interface Answer {
  status: number;
  body: unknown;
}

type Route = [
  method: string,
  path: RegExp,
  handle: (match: string[], body: Record<string, string>) => Answer,
];

/** A fault as JSON: its path pattern as a string, `times: null` for ever (JSON has no Infinity). */
interface FaultBody {
  path?: string;
  status?: number;
  times?: number | null;
  retryAfter?: number;
  inBatch?: boolean;
  afterApply?: boolean;
}

const faultOf = ({ path, times, ...rest }: FaultBody) => ({
  ...rest,
  ...(path === undefined ? {} : { path: new RegExp(path) }),
  ...(times === undefined ? {} : { times: times ?? Number.POSITIVE_INFINITY }),
});

/** The writes (not reads) a stand-in answered for paths containing `key`, top-level and inside batches, in order. */
function writesTo(
  log: readonly {
    method: string;
    path: string;
    status: number | null;
    partCalls: { method: string; path: string; status: number | null }[];
  }[],
  key: string,
) {
  const encoded = encodeURIComponent(key);
  return log
    .flatMap((request) => (request.partCalls.length > 0 ? request.partCalls : [request]))
    .filter(
      (call) => call.method !== 'GET' && (call.path.includes(encoded) || call.path.includes(key)),
    )
    .map(({ method, path, status }) => ({ method, path, status }));
}

export async function startControlServer(options: {
  google: GoogleStandIn;
  graph: GraphStandIn;
  googleAccount: string;
  receiver: WebhookReceiver;
  smtp: SmtpStandIn;
  zalo: ZaloBotStandIn;
}): Promise<ControlServer> {
  const { google, graph, receiver, smtp, zalo } = options;
  const deleted: Answer = { status: 200, body: { deleted: true } };
  const routes: Route[] = [
    [
      'POST',
      /^\/google\/calendars$/,
      (_, body) => ({
        status: 201,
        body: google.createCalendar({
          id: body.id!,
          summary: body.summary ?? body.id!,
          writers: [options.googleAccount],
        }),
      }),
    ],
    [
      'GET',
      /^\/google\/calendars\/([^/]+)\/events$/,
      ([id]) => ({ status: 200, body: { events: google.events(id!) } }),
    ],
    [
      'POST',
      /^\/graph\/mailboxes$/,
      (_, body) => ({ status: 201, body: graph.createMailbox(body.mailbox!) }),
    ],
    [
      'GET',
      /^\/graph\/mailboxes\/([^/]+)\/events$/,
      ([mailbox]) => ({ status: 200, body: { events: graph.events(mailbox!) } }),
    ],
    // Scripted faults (a 503, a 429 with Retry-After) and what the stand-ins were asked to write.
    [
      'POST',
      /^\/(google|graph)\/faults$/,
      ([service], body) => {
        const spec = faultOf(body as FaultBody);
        if (service === 'google') google.fail(spec as Parameters<typeof google.fail>[0]);
        else graph.fail(spec as Parameters<typeof graph.fail>[0]);
        return { status: 201, body: { ok: true } };
      },
    ],
    [
      'DELETE',
      /^\/(google|graph)\/faults$/,
      ([service]) => {
        if (service === 'google') google.clearFaults();
        else graph.clearFaults();
        return { status: 200, body: { ok: true } };
      },
    ],
    [
      'GET',
      /^\/google\/calendars\/([^/]+)\/writes$/,
      ([id]) => ({ status: 200, body: { writes: writesTo(google.requests, id!) } }),
    ],
    [
      'GET',
      /^\/graph\/mailboxes\/([^/]+)\/writes$/,
      ([mailbox]) => ({ status: 200, body: { writes: writesTo(graph.requests, mailbox!) } }),
    ],
    // The webhook receiver: the secret to verify with (answered once at registration), and what it verified.
    [
      'POST',
      /^\/webhook\/secret$/,
      (_, body) => {
        receiver.secret = body.secret!;
        return { status: 200, body: { ok: true } };
      },
    ],
    [
      'GET',
      /^\/webhook\/events$/,
      () => ({ status: 200, body: { events: receiver.events, refused: receiver.refused } }),
    ],
    // The SMTP stand-in: what it accepted (parsed by mailparser), forgetting it, and scripted faults.
    [
      'GET',
      /^\/smtp\/messages$/,
      () => ({
        status: 200,
        body: {
          messages: smtp.messages.map(({ parsed, receivedAt, ...mail }) => ({
            ...mail,
            from: parsed.from?.text ?? '',
          })),
        },
      }),
    ],
    [
      'DELETE',
      /^\/smtp\/messages$/,
      () => {
        smtp.messages.length = 0;
        return { status: 200, body: { ok: true } };
      },
    ],
    [
      'POST',
      /^\/smtp\/faults$/,
      (_, body) => {
        smtp.failData(body as unknown as SmtpFault);
        return { status: 200, body: { ok: true } };
      },
    ],
    // The Zalo bot stand-in: the webhook call a person writing to the bot makes (the test posts it to the Worker),
    // what the bot sent, and the error envelope for the next sendMessage calls.
    [
      'POST',
      /^\/zalo\/updates$/,
      (_, body) => ({
        status: 200,
        body: zalo.userWrites(
          body.chatId!,
          body.text!,
          body.chatType as 'PRIVATE' | 'GROUP' | undefined,
          body.secret,
        ),
      }),
    ],
    ['GET', /^\/zalo\/sent$/, () => ({ status: 200, body: { sent: zalo.sent } })],
    [
      'POST',
      /^\/zalo\/faults$/,
      (_, body) => {
        zalo.fail(Number(body.errorCode), body.description!, Number(body.times));
        return { status: 200, body: { ok: true } };
      },
    ],
    // A person deleting an event by hand in Google Calendar or Outlook.
    [
      'DELETE',
      /^\/google\/calendars\/([^/]+)\/events\/([^/]+)$/,
      ([id, eventId]) => {
        google.deleteEvent(id!, eventId!);
        return deleted;
      },
    ],
    [
      'DELETE',
      /^\/graph\/mailboxes\/([^/]+)\/events\/([^/]+)$/,
      ([mailbox, eventId]) => {
        graph.deleteEvent(mailbox!, eventId!);
        return deleted;
      },
    ],
  ];

  const answer = async (req: IncomingMessage): Promise<Answer> => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    for (const [method, pattern, handle] of routes) {
      const match = pattern.exec(path);
      if (match && req.method === method)
        return handle(match.slice(1).map(decodeURIComponent), text ? JSON.parse(text) : {});
    }
    return { status: 404, body: { error: `control: no route for ${req.method} ${path}` } };
  };

  const send = (res: ServerResponse, { status, body }: Answer) =>
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  const server = createServer((req, res) => {
    answer(req).then(
      (result) => send(res, result),
      (error: unknown) => send(res, { status: 500, body: { error: String(error) } }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
