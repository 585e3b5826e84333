/**
 * What a newcomer runs into before anything else: `npm start` on the Node their machine ships (20), a port that is
 * already taken, and Ctrl-C (SIGINT to npm) that must stop the server rather than leave it running behind npm.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  cleanEnv,
  exitWithin,
  freePort,
  spawnCommand,
  spawnEntry,
  stopAll,
  waitForOutput,
} from '../support/spawned-entry.ts';

const READY = /serving on [\s\S]*health: \S+\/healthz/;
const OLDEST_CLAIMED = 20;
let directory: string;

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'lichtruc-newcomer-'));
});
afterEach(async () => {
  await stopAll();
});
afterAll(async () => {
  await stopAll();
  rmSync(directory, { recursive: true, force: true });
});

const versionOf = (node: string) => execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();

/**
 * A Node of the oldest major the README claims: the machine's own when it is that old (as on a fresh machine), else
 * one brought from the npm registry's `node` package into a cache, the way the launcher brings Node 24.
 */
function oldestNode(): string {
  const candidates = [...(process.env.PATH ?? '').split(delimiter), '/usr/bin', '/usr/local/bin'];
  for (const folder of candidates) {
    try {
      const node = join(folder, 'node');
      if (versionOf(node).startsWith(`v${OLDEST_CLAIMED}.`)) return node;
    } catch {
      // not there, or not runnable: try the next folder
    }
  }
  const prefix = join(homedir(), '.cache/lichtruc', `node${OLDEST_CLAIMED}`);
  const node = join(prefix, 'node_modules/node/bin/node');
  try {
    versionOf(node);
  } catch {
    execFileSync(
      'npm',
      [
        'install',
        '--prefix',
        prefix,
        '--no-save',
        '--no-audit',
        '--no-fund',
        `node@${OLDEST_CLAIMED}`,
      ],
      {
        stdio: 'ignore',
      },
    );
  }
  return node;
}

/** The environment of a machine whose `node` is `node`: its folder first on PATH. */
function machineWith(node: string, env: Record<string, string>): NodeJS.ProcessEnv {
  const base = cleanEnv(env);
  return { ...base, PATH: [dirname(node), base.PATH ?? ''].join(delimiter) };
}

describe('npm start on the oldest Node the README claims', () => {
  it(`serves on Node ${OLDEST_CLAIMED}, running itself on a recent Node it brings along`, async () => {
    const node = oldestNode();
    expect(versionOf(node)).toMatch(new RegExp(`^v${OLDEST_CLAIMED}\\.`));
    const port = await freePort();
    const spawned = spawnCommand(
      'npm',
      ['start'],
      machineWith(node, { PORT: String(port), LICHTRUC_DB: join(directory, 'old-node.db') }),
    );
    await waitForOutput(spawned, READY, 170_000);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(spawned.stderr()).not.toMatch(/ERR_UNKNOWN_FILE_EXTENSION|Error/);
  }, 180_000);

  it('says in one line what to do when no recent Node can be brought', async () => {
    const node = oldestNode();
    // A cache folder that cannot be made: its parent is a file.
    const notAFolder = join(directory, 'a-file');
    writeFileSync(notAFolder, '');
    const spawned = spawnCommand(
      'sh',
      ['scripts/recent-node.sh', 'node', 'src/entry/node.ts'],
      machineWith(node, { LICHTRUC_NODE_PREFIX: join(notAFolder, 'node24') }),
    );
    expect(await exitWithin(spawned, 60_000)).toBe(1);
    expect(spawned.stderr()).toContain('lichtruc: could not install Node 24');
    expect(spawned.stderr()).toContain('Install Node.js 22.18 or newer');
    expect(spawned.stderr()).not.toContain('ERR_UNKNOWN_FILE_EXTENSION');
  }, 70_000);
});

describe('the lichtruc command on the oldest Node the README claims', () => {
  it('runs the CLI', async () => {
    const spawned = spawnCommand(
      'sh',
      ['bin/lichtruc', 'holidays', '2026'],
      machineWith(oldestNode(), {}),
    );
    expect(await exitWithin(spawned, 170_000)).toBe(0);
    expect(spawned.stdout()).toContain('Ngày nghỉ năm 2026');
    expect(spawned.stdout()).toContain('16/02/2026');
  }, 180_000);
});

describe('a port already in use', () => {
  let taken: Server;
  let port = 0;
  beforeAll(async () => {
    port = await freePort();
    taken = createServer();
    await new Promise<void>((resolve) => taken.listen(port, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => taken.close(() => resolve())));

  it('names the port and the variable that changes it, without a stack trace', async () => {
    const spawned = spawnEntry({ PORT: String(port), LICHTRUC_DB: ':memory:' });
    expect(await exitWithin(spawned)).toBe(1);
    const stderr = spawned.stderr();
    expect(stderr).toContain(`lichtruc: port ${port} on 127.0.0.1 is already in use`);
    expect(stderr).toContain('PORT=');
    expect(stderr).not.toMatch(/EADDRINUSE|\n\s+at /);
  });
});

describe('Ctrl-C on npm start', () => {
  it('stops the server: SIGINT to npm leaves nothing listening', async () => {
    const port = await freePort();
    const spawned = spawnCommand(
      'npm',
      ['start'],
      cleanEnv({ PORT: String(port), LICHTRUC_DB: join(directory, 'ctrl-c.db') }),
    );
    await waitForOutput(spawned, READY, 60_000);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

    spawned.child.kill('SIGINT');
    await exitWithin(spawned, 15_000);
    // The port is free again: the server itself stopped, not only npm.
    const probe = createServer();
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen(port, '127.0.0.1', resolve);
    });
    await new Promise<void>((resolve) => probe.close(() => resolve()));
  }, 90_000);
});
