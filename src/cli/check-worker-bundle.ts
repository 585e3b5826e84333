#!/usr/bin/env node
/**
 * Builds the Worker exactly as `wrangler deploy` would (dry run, offline) and fails when a Node-only module made it
 * into the bundle: node-cron crashes a Worker at import, the full googleapis package costs 0.4 s of start-up, and a
 * Node SQLite driver cannot run in workerd. Prints the bundle's size, raw and gzip.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const FORBIDDEN: [RegExp, string][] = [
  [/node_modules\/node-cron\//, 'node-cron (Node entry only; Workers use Cron Triggers)'],
  [/node_modules\/googleapis\//, 'the full googleapis package (use @googleapis/calendar)'],
  [/node_modules\/better-sqlite3\//, 'better-sqlite3 (Node only; Workers use D1)'],
  [/node_modules\/@hono\/node-server\//, '@hono/node-server (Node entry only)'],
  [/node_modules\/exceljs\//, 'exceljs (the XLSX report writer: given by the Node entry only)'],
  [/node_modules\/yaml\//, 'the yaml library (the import page edits JSON on Workers: 31 KiB gzip)'],
  [
    /node_modules\/google-auth-library\//,
    'google-auth-library (aliased to a stub: lichtruc signs its own grant)',
  ],
  [
    /node_modules\/qs\//,
    'qs (aliased to a flat stringify: the calendar client calls nothing else)',
  ],
  [/node_modules\/standardwebhooks\//, 'standardwebhooks (webhooks are signed with Web Crypto)'],
  [/src\/storage\/drivers\/sqlite\.ts$/, 'the node:sqlite driver (Node only; Workers use D1)'],
  [/src\/entry\/node(-sync)?\.ts$/, 'the Node entry'],
];

const root = resolve(import.meta.dirname, '../..');
const outdir = mkdtempSync(join(tmpdir(), 'lichtruc-worker-'));
try {
  execFileSync(
    process.execPath,
    [
      join(root, 'node_modules/wrangler/bin/wrangler.js'),
      'deploy',
      '--dry-run',
      '--outdir',
      outdir,
    ],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        WRANGLER_SEND_METRICS: 'false',
        CLOUDFLARE_CF_FETCH_ENABLED: 'false',
        WRANGLER_HIDE_BANNER: 'true',
      },
    },
  );
  const bundle = readFileSync(join(outdir, 'worker.js'));
  const sources: string[] = JSON.parse(readFileSync(join(outdir, 'worker.js.map'), 'utf8')).sources;
  const found = FORBIDDEN.flatMap(([pattern, what]) =>
    sources.some((source) => pattern.test(source)) ? [what] : [],
  );
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
  console.log(
    `worker bundle: ${kib(bundle.length)}, ${kib(gzipSync(bundle, { level: 9 }).length)} gzip`,
  );
  if (found.length > 0) {
    console.error(
      `the Worker bundle contains Node-only code:\n${found.map((what) => `  - ${what}`).join('\n')}`,
    );
    process.exitCode = 1;
  }
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
