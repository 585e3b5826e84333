/**
 * The Node entry as a newcomer runs it (`npm start`): a child process on 127.0.0.1, its output collected, and a
 * registry of every child started so a test file can kill whatever is left in afterEach/afterAll.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '../..');
const ENTRY = join(ROOT, 'src/entry/node.ts');

export interface Spawned {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string>;
}

const running = new Set<Spawned>();

/** A port nobody listens on right now: bound on 127.0.0.1:0, then released. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The test process's environment without any lichtruc setting, PORT or HOST, plus `env`. */
export function cleanEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !name.startsWith('LICHTRUC_') && name !== 'PORT' && name !== 'HOST',
    ),
  );
  return { ...base, ...env };
}

export function spawnEntry(env: Record<string, string>): Spawned {
  return spawnCommand(process.execPath, [ENTRY], cleanEnv(env));
}

/** Any command run from the project's root (`npm start`, the launcher), tracked like the entry. */
export function spawnCommand(command: string, args: string[], env: NodeJS.ProcessEnv): Spawned {
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });
  const spawned: Spawned = { child, stdout: () => out, stderr: () => err, exited };
  running.add(spawned);
  void exited.then(() => running.delete(spawned));
  return spawned;
}

/** Waits until stdout matches `pattern`; fails with the output so far if the process ends or `ms` pass first. */
export async function waitForOutput(
  spawned: Spawned,
  pattern: RegExp,
  ms = 20_000,
): Promise<string> {
  const deadline = Date.now() + ms;
  let ended = false;
  void spawned.exited.then(() => {
    ended = true;
  });
  while (!pattern.test(spawned.stdout())) {
    if (ended || Date.now() > deadline) {
      throw new Error(
        `${ended ? 'the process ended' : `no ${pattern} within ${ms} ms`}\n--- stdout\n${spawned.stdout()}\n--- stderr\n${spawned.stderr()}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return spawned.stdout();
}

/** Resolves with the exit code, or rejects after `ms` (the process is then killed). */
export async function exitWithin(spawned: Spawned, ms = 20_000): Promise<number | string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      spawned.child.kill('SIGKILL');
      reject(
        new Error(
          `the process did not exit within ${ms} ms\n--- stdout\n${spawned.stdout()}\n--- stderr\n${spawned.stderr()}`,
        ),
      );
    }, ms);
  });
  try {
    return await Promise.race([spawned.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** SIGTERM (the entry closes its server and exits 0), then SIGKILL if it lingers; resolves with the exit code. */
export async function stop(spawned: Spawned, graceMs = 5_000): Promise<number | string> {
  if (spawned.child.exitCode !== null || spawned.child.signalCode !== null) return spawned.exited;
  spawned.child.kill('SIGTERM');
  const timer = setTimeout(() => spawned.child.kill('SIGKILL'), graceMs);
  try {
    return await spawned.exited;
  } finally {
    clearTimeout(timer);
  }
}

/** Stops every child still running (for afterEach/afterAll). */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((spawned) => stop(spawned)));
}
