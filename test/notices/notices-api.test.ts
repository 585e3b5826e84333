/**
 * The notice API: webhook registration with its SSRF guard (problem+json, nothing stored), the secret shown once,
 * listing and deleting; the notice log and resend; contacts; a member's preferences turning e-mail off.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runNotices } from '../../src/jobs/notice-worker.ts';
import { problemOf } from '../support/service.ts';
import { EMAIL, ROSTER, startNoticeHarness, type NoticeHarness } from '../support/notices.ts';

let h: NoticeHarness;
afterEach(() => h.close());

const post = (path: string, body: unknown, headers?: Record<string, string>) =>
  h.service.request('POST', path, { body, ...(headers ? { headers } : {}) });

describe('webhooks', () => {
  it.each([
    ['http://hooks.example.com/x', 'must be an https:// URL'],
    ['https://127.0.0.1/x', 'must point to a public address'],
    ['https://10.1.2.3/x', 'must point to a public address'],
    ['https://[::1]/x', 'must point to a public address'],
    ['https://intranet.local/x', 'must point to a public address'],
    ['https://169.254.169.254/latest', 'must point to a public address'],
    ['https://user:pw@hooks.example.com/x', 'must not carry a user name or password'],
    ['not a url', 'must be an absolute URL'],
  ])('refuses %s unless private addresses are allowed', async (url, message) => {
    h = await startNoticeHarness('2026-12-07T02:00:00Z');
    h.service.appDeps.notices = { allowPrivateWebhooks: false };
    const response = await post(`${ROSTER}/webhooks`, { url }, { 'accept-language': 'vi' });
    expect(response.status).toBe(422);
    const problem = await problemOf(response);
    expect(problem.title).toBe('Dữ liệu không hợp lệ');
    expect(problem.errors).toEqual([{ field: 'url', message: expect.stringContaining(message) }]);
    const { body } = await h.service.json<{ webhooks: unknown[] }>(
      'GET',
      `${ROSTER}/webhooks`,
      200,
    );
    expect(body.webhooks).toEqual([]);
  });

  it('registers a public https URL, shows the secret once, lists and deletes it', async () => {
    h = await startNoticeHarness('2026-12-07T02:00:00Z');
    h.service.appDeps.notices = { allowPrivateWebhooks: false };
    const { body, response } = await h.service.json<Record<string, unknown>>(
      'POST',
      `${ROSTER}/webhooks`,
      201,
      { url: 'https://hooks.example.com/lichtruc', events: ['duty.changed'] },
    );
    expect(body).toMatchObject({
      url: 'https://hooks.example.com/lichtruc',
      events: ['duty.changed'],
    });
    expect(body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(response.headers.get('location')).toBe(`${ROSTER}/webhooks/${body.id}`);
    const listed = await h.service.json<{ webhooks: Record<string, unknown>[] }>(
      'GET',
      `${ROSTER}/webhooks`,
      200,
    );
    expect(listed.body.webhooks).toHaveLength(1);
    expect(listed.body.webhooks[0]).not.toHaveProperty('secret');
    await h.service.json('DELETE', `${ROSTER}/webhooks/${body.id}`, 204);
    const again = await h.service.request('DELETE', `${ROSTER}/webhooks/${body.id}`, {
      headers: { 'accept-language': 'en' },
    });
    expect(again.status).toBe(404);
    expect((await problemOf(again)).title).toBe('Not found');
  });

  it('refuses an unknown event type and an unknown roster', async () => {
    h = await startNoticeHarness('2026-12-07T02:00:00Z');
    const bad = await post(`${ROSTER}/webhooks`, { url: h.receiver.url, events: ['duty.deleted'] });
    expect(bad.status).toBe(422);
    expect((await problemOf(bad)).errors?.[0]?.field).toBe('events.0');
    const missing = await post('/api/rosters/khong-co/webhooks', { url: h.receiver.url });
    expect(missing.status).toBe(404);
  });
});

describe('the notice log, preferences and contacts', () => {
  it('logs each delivery, sends one again on request, and follows a member turning e-mail off', async () => {
    h = await startNoticeHarness('2026-12-07T02:00:00Z');
    await h.service.json('PUT', `${ROSTER}/members/nguyen-manh-ha/notice-preferences`, 200, {
      emailOn: false,
    });
    await h.absent('nguyen-manh-ha', '2026-12-09', 'leave');
    h.advance(121);
    await runNotices(h.deps);
    expect(h.smtp.messages.map((mail) => mail.to[0])).toEqual([EMAIL['nguyen-van-luyen']]);
    const { body } = await h.service.json<{ notices: Record<string, unknown>[] }>(
      'GET',
      `${ROSTER}/notices`,
      200,
    );
    expect(body.notices).toEqual([
      expect.objectContaining({
        channel: 'email',
        recipient: 'member:nguyen-van-luyen',
        address: EMAIL['nguyen-van-luyen'],
        status: 'delivered',
        attempts: 1,
        subject: 'Thay đổi lịch trực Bộ phận Một cửa: Thứ Tư 09/12/2026',
      }),
    ]);
    const id = body.notices[0]!.id as string;
    await h.service.json('POST', `${ROSTER}/notices/${id}/resend`, 202);
    expect((await h.service.request('POST', `${ROSTER}/notices/${id}/resend`)).status).toBe(409);
    await runNotices(h.deps);
    expect(h.smtp.messages).toHaveLength(2);
    expect(h.smtp.messages[1]!.messageId).not.toBe(h.smtp.messages[0]!.messageId);
  });

  it('keeps contacts, refuses a bad address, and refuses preferences of an unknown member', async () => {
    h = await startNoticeHarness('2026-12-07T02:00:00Z');
    const contact = { role: 'admin', channel: 'email', address: 'vanphong@svhttdl.test' };
    const { body } = await h.service.json<{ id: string }>(
      'POST',
      `${ROSTER}/notice-contacts`,
      201,
      contact,
    );
    expect((await h.service.json('GET', `${ROSTER}/notice-contacts`, 200)).body.contacts).toEqual([
      expect.objectContaining({ ...contact, id: body.id }),
    ]);
    const bad = await post(`${ROSTER}/notice-contacts`, { ...contact, address: 'vanphong' });
    expect(bad.status).toBe(422);
    await h.service.json('DELETE', `${ROSTER}/notice-contacts/${body.id}`, 204);
    const unknown = await h.service.request('PUT', `${ROSTER}/members/ai-do/notice-preferences`, {
      body: { emailOn: false },
    });
    expect(unknown.status).toBe(422);
    const extra = await h.service.request(
      'PUT',
      `${ROSTER}/members/nguyen-manh-ha/notice-preferences`,
      {
        body: { sms: true },
      },
    );
    expect(extra.status).toBe(422);
  });
});
