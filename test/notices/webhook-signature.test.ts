/**
 * The Worker signs webhooks with Web Crypto; receivers verify with the `standardwebhooks` library. The signature must
 * be byte for byte the one the library makes, for any secret, id, time and payload (Vietnamese text included).
 */
import fc from 'fast-check';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { signWebhook } from '../../src/providers/notices/webhook-signature.ts';

const base64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));

describe('the Standard Webhooks signature', () => {
  it('is the one the standardwebhooks library makes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 64 }),
        fc.boolean(),
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        async (key, prefixed, id, timestamp, payload) => {
          const secret = `${prefixed ? 'whsec_' : ''}${base64(key)}`;
          expect(await signWebhook(secret, id, timestamp, payload)).toBe(
            new Webhook(secret).sign(id, timestamp, payload),
          );
        },
      ),
    );
  });

  it('verifies with the library, for a notice in Vietnamese', async () => {
    const secret = `whsec_${base64(new Uint8Array(24).fill(7))}`;
    const payload = JSON.stringify({ type: 'absence.created', member: 'Bà Nguyễn Mạnh Hà' });
    const timestamp = new Date();
    const headers = {
      'webhook-id': 'msg_1',
      'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
      'webhook-signature': await signWebhook(secret, 'msg_1', timestamp, payload),
    };
    expect(new Webhook(secret).verify(payload, headers)).toEqual(JSON.parse(payload));
    expect(() => new Webhook(secret).verify(`${payload} `, headers)).toThrow();
  });
});
