/**
 * `connect()` of `cloudflare:sockets` rebuilt on node:net and node:tls, so the Worker's SMTP client
 * (src/providers/notices/smtp-session.ts) also runs in the Node tests against stand-ins with a throw-away
 * certificate (`ca`), where workerd would refuse it. Node-only.
 */
import { once } from 'node:events';
import { connect as netConnect, type Socket } from 'node:net';
import { Duplex } from 'node:stream';
import { connect as tlsConnect } from 'node:tls';
import type { SmtpConnect, SmtpSocket } from '../../src/providers/notices/smtp-session.ts';

function wrap(socket: Socket, ready: string, ca: string | undefined): SmtpSocket {
  const { readable, writable } = Duplex.toWeb(socket);
  return {
    readable: readable as ReadableStream<Uint8Array>,
    writable: writable as WritableStream<Uint8Array>,
    opened: once(socket, ready),
    close: async () => void socket.destroy(),
    startTls: () => wrap(tlsConnect({ socket, ca }), 'secureConnect', ca),
  };
}

export function nodeConnect(ca?: string): SmtpConnect {
  return ({ hostname, port }, { secureTransport }) =>
    secureTransport === 'on'
      ? wrap(tlsConnect({ host: hostname, port, ca }), 'secureConnect', ca)
      : wrap(netConnect({ host: hostname, port }), 'connect', ca);
}
