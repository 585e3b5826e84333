/**
 * A tiny timing helper shared by the benchmarks: warm-up calls, then N timed samples with `performance.now()`,
 * summarised as median and p90; plus a markdown table printer. No dependencies, no statistics beyond that.
 */
import { performance } from 'node:perf_hooks';

export interface MeasureOptions {
  /** Untimed calls before sampling (the first one is still timed and reported as `firstMs`). Default 1. */
  warmup?: number;
  /** Timed samples. */
  reps: number;
  /**
   * When a single call is shorter than this, each sample runs the function several times in a row (the count is
   * chosen from the warm-up) and reports the time per call, so tiny cases are not lost in timer noise. Default 0.
   */
  minSampleMs?: number;
}

export interface Timing {
  /** Milliseconds per call, one entry per sample, in the order they were taken. */
  samples: number[];
  medianMs: number;
  /** Nearest-rank 90th percentile: with fewer than 10 samples it is the slowest one. */
  p90Ms: number;
  /** The very first call, before any warm-up: JIT, lazily built tables and caches all cold. */
  firstMs: number;
  /** Calls per sample. */
  batch: number;
}

/** Keeps results observable so the engine cannot drop the work (it would not here, but it costs nothing). */
export let sink: unknown;

export function measure(fn: () => unknown, options: MeasureOptions): Timing {
  const warmup = Math.max(1, options.warmup ?? 1);
  let start = performance.now();
  sink = fn();
  const firstMs = performance.now() - start;
  let lastMs = firstMs;
  for (let i = 1; i < warmup; i++) {
    start = performance.now();
    sink = fn();
    lastMs = performance.now() - start;
  }
  const minSampleMs = options.minSampleMs ?? 0;
  const batch = lastMs > 0 && lastMs < minSampleMs ? Math.ceil(minSampleMs / lastMs) : 1;
  const samples: number[] = [];
  for (let rep = 0; rep < options.reps; rep++) {
    start = performance.now();
    for (let i = 0; i < batch; i++) sink = fn();
    samples.push((performance.now() - start) / batch);
  }
  return {
    samples,
    medianMs: quantile(samples, 0.5),
    p90Ms: nearestRank(samples, 0.9),
    firstMs,
    batch,
  };
}

/** Median-style quantile with linear interpolation (the median of an even count is the mean of the middle two). */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (at - low);
}

function nearestRank(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(sorted.length * q) - 1)] ?? Number.NaN;
}

/** A markdown table; columns whose `right` flag is set are right-aligned (numbers). Cells are padded for reading raw. */
export function markdownTable(
  columns: readonly { title: string; right?: boolean }[],
  rows: readonly string[][],
): string {
  const widths = columns.map((column, i) =>
    Math.max(3, column.title.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const pad = (text: string, i: number) =>
    columns[i]!.right ? text.padStart(widths[i]!) : text.padEnd(widths[i]!);
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, i) => pad(cell, i)).join(' | ')} |`;
  const rule = `| ${widths.map((width, i) => (columns[i]!.right ? `${'-'.repeat(width - 1)}:` : '-'.repeat(width))).join(' | ')} |`;
  return [
    line(columns.map((column) => column.title)),
    rule,
    ...rows.map((row) => line(columns.map((_, i) => row[i] ?? ''))),
  ].join('\n');
}

/** A number with a fixed count of decimals and thin grouping of thousands (1,234.5). */
export function formatNumber(value: number | undefined, decimals = 0): string {
  if (value === undefined || Number.isNaN(value)) return '';
  return value.toLocaleString('en-US', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
}

/** One row of a benchmark report. */
export interface BenchResult {
  name: string;
  timing: Timing;
  /** What one call produces (e.g. duty slots): gives the cost per item. */
  items?: number;
  /** Units of input work one call does (e.g. roster-days): gives the cost per unit. */
  units?: number;
  /** Cost per unit divided by that of a reference case: near 1 means the cost grows linearly with the units. */
  ratio?: number;
  note?: string;
}

/** The results as one markdown table; `labels` name the items and units columns. */
export function resultsTable(
  results: readonly BenchResult[],
  labels = { items: 'items', units: 'units' },
): string {
  const columns = [
    { title: 'benchmark' },
    { title: 'runs', right: true },
    { title: '1st run ms', right: true },
    { title: 'median ms', right: true },
    { title: 'p90 ms', right: true },
    { title: labels.items, right: true },
    { title: `ns/${labels.items.replace(/s$/, '')}`, right: true },
    { title: `ns/${labels.units.replace(/s$/, '')}`, right: true },
    { title: 'ratio', right: true },
    { title: 'notes' },
  ];
  const rows = results.map(({ name, timing, items, units, ratio, note }) => [
    name,
    timing.batch > 1 ? `${timing.samples.length}×${timing.batch}` : String(timing.samples.length),
    formatNumber(timing.firstMs, 1),
    formatNumber(timing.medianMs, 1),
    formatNumber(timing.p90Ms, 1),
    formatNumber(items),
    items ? formatNumber((timing.medianMs * 1e6) / items) : '',
    units ? formatNumber((timing.medianMs * 1e6) / units) : '',
    formatNumber(ratio, 2),
    note ?? '',
  ]);
  return markdownTable(columns, rows);
}
