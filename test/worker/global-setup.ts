/**
 * The Node side of the workerd tests (Vitest global setup, run once for the project): starts the Google and Graph
 * stand-ins, a webhook receiver, an SMTP server, a Zalo bot and their control server on 127.0.0.1, registers the Worker's credentials with them, and provides their
 * URLs and the key to the Miniflare options and to the tests. Everything stops in the returned teardown; the
 * servers are unref'd, so nothing keeps the process alive if teardown never runs.
 */
import { readFileSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { startGoogleStandIn } from '../stand-ins/google-calendar.ts';
import { startGraphStandIn } from '../stand-ins/graph-calendar.ts';
import { startSmtpStandIn } from '../stand-ins/smtp-server.ts';
import { startWebhookReceiver } from '../stand-ins/webhook-receiver.ts';
import { startZaloBot } from '../stand-ins/zalo-bot.ts';
import { closeTrustingDispatchers } from '../support/tls.ts';
import { startControlServer } from './control-server.ts';
import { GOOGLE_ACCOUNT, MS_APP } from './provided.ts';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Ragged pages (the default): the nightly reconcile lists through the official client's paging in workerd too.
  const google = await startGoogleStandIn();
  const graph = await startGraphStandIn();
  graph.registerApp(MS_APP);
  const receiver = await startWebhookReceiver();
  const smtp = await startSmtpStandIn();
  const zalo = await startZaloBot();
  const control = await startControlServer({
    google,
    graph,
    googleAccount: GOOGLE_ACCOUNT,
    receiver,
    smtp,
    zalo,
  });

  project.provide('googleRootUrl', google.rootUrl);
  project.provide(
    'googleServiceAccountKey',
    JSON.stringify(google.createServiceAccount(GOOGLE_ACCOUNT)),
  );
  project.provide('graphBaseUrl', graph.graphBaseUrl);
  project.provide('graphLoginUrl', graph.loginBaseUrl);
  project.provide('graphCaPem', graph.caPem);
  project.provide('controlUrl', control.url);
  project.provide('webhookUrl', receiver.url);
  project.provide('smtpUrl', smtp.url);
  project.provide('zaloBaseUrl', zalo.baseUrl);
  project.provide('zaloBotToken', zalo.token);
  project.provide(
    'importLetter',
    readFileSync(new URL('../fixtures/letters/01-so-tnmt-ha-nam.txt', import.meta.url), 'utf8'),
  );

  return async () => {
    await Promise.all([
      control.close(),
      google.close(),
      graph.close(),
      receiver.close(),
      smtp.close(),
      zalo.close(),
    ]);
    await closeTrustingDispatchers();
  };
}
