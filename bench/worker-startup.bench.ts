/**
 * Worker start-up CPU, two ways, for this tree and (with `--against REV`, e.g. `--against main`) another revision
 * side by side in one run, the measurements of both interleaved so the machine's load falls on both alike:
 * - `wrangler check startup`: the "Active" time of workerd's local start-up profile, and how it splits into compiling
 *   the bundle ("(program)" in the profile), evaluating it (the bundle's own frames) and garbage collection;
 * - the CPU time (user + system) of evaluating the bundle `wrangler deploy` would upload (minified, built offline
 *   with --dry-run) in fresh Node processes (V8, the engine of workerd) around `import()`, against a hello-world
 *   module measured the same way. The Node built-ins the bundle imports are loaded before the clock starts: workerd
 *   has its own, and Node's (node:http alone loads undici) would otherwise be most of the figure.
 * Medians of several runs; on a shared machine every figure moves with the load.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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
const EVALUATE = `for (const name of JSON.parse(process.argv[2])) await import(name);
const before = process.cpuUsage();
await import(process.argv[1]);
const used = process.cpuUsage(before);
console.log((used.user + used.system) / 1000);`;

interface Profile {
  nodes: { id: number; callFrame: { functionName: string; url: string } }[];
  samples: number[];
  timeDeltas: number[];
}

export interface StartupProfile {
  activeMs: number;
  compileMs: number;
  evaluateMs: number;
  gcMs: number;
}

export interface WorkerStartup {
  revision: string;
  bundleKiB: number;
  gzipKiB: number;
  evaluateMs: number;
  helloMs: number;
  checkStartup: StartupProfile | null;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/** A built bundle, ready to measure: the upload of `wrangler deploy` and the same bytes as an .mjs for Node. */
interface Built {
  revision: string;
  dir: string;
  bundle: Buffer;
  builtins: string[];
}

function build(revision: string | null): Built {
  const dir = mkdtempSync(join(tmpdir(), 'lichtruc-startup-'));
  let cwd = ROOT;
  if (revision) {
    // The revision's files, with this tree's node_modules (a revision that changed dependencies needs its own).
    cwd = join(dir, 'tree');
    execFileSync(
      'sh',
      ['-c', `mkdir -p "${cwd}" && git archive "${revision}" | tar -x -C "${cwd}"`],
      {
        cwd: ROOT,
      },
    );
    symlinkSync(join(ROOT, 'node_modules'), join(cwd, 'node_modules'));
  }
  execFileSync(process.execPath, [WRANGLER, 'deploy', '--dry-run', '--outdir', join(dir, 'out')], {
    cwd,
    env: OFFLINE,
    stdio: 'ignore',
  });
  execFileSync(
    process.execPath,
    [WRANGLER, 'deploy', '--dry-run', '--outfile', join(dir, 'worker.bundle')],
    { cwd, env: OFFLINE, stdio: 'ignore' },
  );
  const bundle = readFileSync(join(dir, 'out/worker.js'));
  // Node reads a .js file next to no package.json as CommonJS: the same bytes under .mjs.
  writeFileSync(join(dir, 'worker.mjs'), bundle);
  const builtins = [...bundle.toString('utf8').matchAll(/\bimport\s*\w+\s*from\s*"([\w:/]+)"/g)]
    .map((match) => match[1]!)
    .filter((name, index, all) => all.indexOf(name) === index);
  return { revision: revision ?? 'this tree', dir, bundle, builtins };
}

function evaluationCpuMs(file: string, builtins: string[]): number {
  const output = execFileSync(
    process.execPath,
    ['--input-type=module', '-e', EVALUATE, file, JSON.stringify(builtins)],
    { encoding: 'utf8' },
  );
  return Number(output);
}

/** One `wrangler check startup` of a built bundle, split by its profile. */
function checkStartup(built: Built): StartupProfile | null {
  const outfile = join(built.dir, 'startup.cpuprofile');
  const output = execFileSync(
    process.execPath,
    [
      WRANGLER,
      'check',
      'startup',
      '--worker',
      join(built.dir, 'worker.bundle'),
      '--outfile',
      outfile,
    ],
    { cwd: ROOT, env: OFFLINE, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const active = /Active: ([\d.]+) ms/.exec(output)?.[1];
  if (!active) return null;
  const profile = JSON.parse(readFileSync(outfile, 'utf8')) as Profile;
  const frameOf = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  let compile = 0;
  let evaluate = 0;
  let gc = 0;
  profile.samples.forEach((id, index) => {
    const frame = frameOf.get(id);
    const micros = profile.timeDeltas[index] ?? 0;
    if (frame?.functionName === '(program)') compile += micros;
    else if (frame?.functionName === '(garbage collector)') gc += micros;
    else if (frame?.url) evaluate += micros;
  });
  return {
    activeMs: Number(active),
    compileMs: compile / 1000,
    evaluateMs: evaluate / 1000,
    gcMs: gc / 1000,
  };
}

function medianProfile(profiles: StartupProfile[]): StartupProfile | null {
  if (profiles.length === 0) return null;
  const of = (key: keyof StartupProfile) => median(profiles.map((profile) => profile[key]));
  return {
    activeMs: of('activeMs'),
    compileMs: of('compileMs'),
    evaluateMs: of('evaluateMs'),
    gcMs: of('gcMs'),
  };
}

export function runWorkerStartupBenchmark(options: {
  quick: boolean;
  against?: string | undefined;
}): WorkerStartup[] {
  const builds = [build(null), ...(options.against ? [build(options.against)] : [])];
  const hello = join(builds[0]!.dir, 'hello.mjs');
  writeFileSync(hello, 'export default { fetch: () => new Response("hello") };\n');
  try {
    const evaluations = builds.map(() => [] as number[]);
    const hellos: number[] = [];
    const profiles = builds.map(() => [] as StartupProfile[]);
    const runs = options.quick ? 3 : 9;
    for (let run = 0; run < runs; run++) {
      builds.forEach((built, index) => {
        evaluations[index]!.push(evaluationCpuMs(join(built.dir, 'worker.mjs'), built.builtins));
      });
      hellos.push(evaluationCpuMs(hello, builds[0]!.builtins));
    }
    for (let run = 0; run < (options.quick ? 1 : 5); run++)
      builds.forEach((built, index) => {
        const profile = checkStartup(built);
        if (profile) profiles[index]!.push(profile);
      });
    return builds.map((built, index) => ({
      revision: built.revision,
      bundleKiB: built.bundle.length / 1024,
      gzipKiB: gzipSync(built.bundle, { level: 9 }).length / 1024,
      evaluateMs: median(evaluations[index]!),
      helloMs: median(hellos),
      checkStartup: medianProfile(profiles[index]!),
    }));
  } finally {
    for (const built of builds) rmSync(built.dir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const at = process.argv.indexOf('--against');
  const results = runWorkerStartupBenchmark({
    quick: process.argv.includes('--quick'),
    against: at > 0 ? process.argv[at + 1] : undefined,
  });
  console.log(JSON.stringify(results, null, 2));
}
