/**
 * Worker start-up CPU, two ways, side by side in one run:
 * - the CPU time (user + system) of evaluating the bundle `wrangler deploy` would upload (minified, built offline
 *   with --dry-run), measured in fresh Node processes (V8, the engine of workerd) around `import()`, against a
 *   hello-world module measured the same way; median of several processes;
 * - `wrangler check startup` ("Active" time of its local start-up profile in workerd), median of a few runs.
 * On a shared machine both move with the load; the median of several fresh processes is what is reported.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const ROOT = resolve(import.meta.dirname, '..');
const WRANGLER = join(ROOT, 'node_modules/wrangler/bin/wrangler.js');
const OFFLINE = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_HIDE_BANNER: 'true',
};
const EVALUATE = `const before = process.cpuUsage();
await import(process.argv[1]);
const used = process.cpuUsage(before);
console.log((used.user + used.system) / 1000);`;

export interface WorkerStartup {
  bundleKiB: number;
  gzipKiB: number;
  evaluateMs: number;
  helloMs: number;
  checkStartupMs: number | null;
}

const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function evaluationCpuMs(file: string, runs: number): number {
  const samples = Array.from({ length: runs }, () =>
    Number(
      execFileSync(process.execPath, ['--input-type=module', '-e', EVALUATE, file], {
        encoding: 'utf8',
      }),
    ),
  );
  return median(samples);
}

function checkStartupMs(runs: number): number | null {
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const output = execFileSync(
      process.execPath,
      [WRANGLER, 'check', 'startup', '--outfile', join(tmpdir(), 'lichtruc-startup.cpuprofile')],
      { cwd: ROOT, env: OFFLINE, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const active = /Active: ([\d.]+) ms/.exec(output)?.[1];
    if (active) samples.push(Number(active));
  }
  return samples.length > 0 ? median(samples) : null;
}

export function runWorkerStartupBenchmark(options: { quick: boolean }): WorkerStartup {
  const outdir = mkdtempSync(join(tmpdir(), 'lichtruc-bundle-'));
  try {
    execFileSync(process.execPath, [WRANGLER, 'deploy', '--dry-run', '--outdir', outdir], {
      cwd: ROOT,
      env: OFFLINE,
      stdio: 'ignore',
    });
    // Node reads a .js file next to no package.json as CommonJS: the same bytes under .mjs.
    const bundle = readFileSync(join(outdir, 'worker.js'));
    writeFileSync(join(outdir, 'worker.mjs'), bundle);
    writeFileSync(
      join(outdir, 'hello.mjs'),
      'export default { fetch: () => new Response("hello") };\n',
    );
    const runs = options.quick ? 3 : 9;
    return {
      bundleKiB: bundle.length / 1024,
      gzipKiB: gzipSync(bundle, { level: 9 }).length / 1024,
      evaluateMs: evaluationCpuMs(join(outdir, 'worker.mjs'), runs),
      helloMs: evaluationCpuMs(join(outdir, 'hello.mjs'), runs),
      checkStartupMs: checkStartupMs(options.quick ? 1 : 3),
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const result = runWorkerStartupBenchmark({ quick: process.argv.includes('--quick') });
  console.log(JSON.stringify(result, null, 2));
}
