/**
 * A webhook receiver on 127.0.0.1 that verifies every call with the `standardwebhooks` library, as a real receiver
 * would (signature, timestamp within 5 minutes), and keeps the verified events. It can answer a status a number of
 * times (to make the sender retry or give up).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedEvent {
  id: string;
  type: string;
  data: Record<string, unknown>;
}

export interface WebhookReceiver {
  url: string;
  /** Verified events, in arrival order. */
  events: ReceivedEvent[];
  /** Calls refused because their signature did not verify. */
  refused: number;
  answer(status: number, times: number): void;
  /** The secret to verify with (set after registering the endpoint). */
  secret: string;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const scripted: { status: number; times: number }[] = [];
  const receiver: WebhookReceiver = {
    url: '',
    events: [],
    refused: 0,
    secret: '',
    answer: (status, times) => void scripted.push({ status, times }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const next = scripted[0];
    if (next) {
      if (--next.times <= 0) scripted.shift();
      return void res.writeHead(next.status).end();
    }
    try {
      const headers = Object.fromEntries(
        ['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((name) => [
          name,
          String(req.headers[name]),
        ]),
      );
      const event = new Webhook(receiver.secret).verify(body, headers) as Omit<ReceivedEvent, 'id'>;
      receiver.events.push({ id: headers['webhook-id']!, ...event });
      res.writeHead(204).end();
    } catch {
      receiver.refused++;
      res.writeHead(400).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/lichtruc`;
  return receiver;
}
