/**
 * Benchmarks of the letter import (`importLetter`): the founding letter (two pages, 3,563 characters) as pasted,
 * as TCVN3 and decomposed; the same letter four times over (eight pages) to see that the cost grows with the text
 * and no faster; and the whole corpus of test/fixtures/letters in one call. The goal is well under 100 ms per
 * two-page letter on Node. The field-level precision and recall over the corpus are printed with them.
 * Alone: `node bench/import.bench.ts [--quick]`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importLetter } from '../src/domain/letter/import-letter.ts';
import {
  LETTERS,
  loadCorpus,
  runCorpus,
  totals,
  UNSEEN_LETTERS,
} from '../test/support/letter-corpus.ts';
import { type BenchResult, formatNumber, measure, resultsTable } from './measure.ts';

export interface ImportBenchOptions {
  quick: boolean;
  log?: (line: string) => void;
}

const read = (name: string) => readFileSync(join(LETTERS, name), 'utf8');

export function runImportBenchmarks(options: ImportBenchOptions): BenchResult[] {
  const log = options.log ?? (() => {});
  const runs = options.quick
    ? { warmup: 2, reps: 5, minSampleMs: 5 }
    : { warmup: 20, reps: 31, minSampleMs: 20 };
  const founding = read('00-cong-van-phan-cong-truc-mot-cua-2024.txt');
  const cases: [string, string[]][] = [
    ['founding letter, as pasted', [founding]],
    ['founding letter, TCVN3 (converted)', [read('founding-tcvn3.txt')]],
    ['founding letter, NFD, CRLF, wrapped at 70', [read('founding-nfd-wrapped.txt')]],
    ['founding letter × 4 (eight pages)', [Array.from({ length: 4 }, () => founding).join('\n\n')]],
    [
      'the corpus: 16 letters in one call',
      loadCorpus()
        .map((letter) => letter.text)
        .concat(founding),
    ],
  ];
  const results: BenchResult[] = [];
  for (const [name, texts] of cases) {
    log(`import: ${name}`);
    let findings = 0;
    const timing = measure(() => {
      findings = 0;
      for (const text of texts) findings += importLetter(text).findings.length;
      return findings;
    }, runs);
    const chars = texts.reduce((total, text) => total + text.length, 0);
    results.push({ name, timing, items: findings, units: chars });
  }
  const perChar = (result: BenchResult) => result.timing.medianMs / result.units!;
  for (const result of results) result.ratio = perChar(result) / perChar(results[0]!);
  return results;
}

export function corpusScoreLine(): string {
  const line = (directory: string, what: string) => {
    const letters = loadCorpus(directory);
    const { precision, recall, right, fields } = totals(runCorpus(letters));
    return `- ${what} (${letters.length} letters): precision ${formatNumber(precision, 3)}, recall ${formatNumber(recall, 3)} (${right} of ${fields} fields right).`;
  };
  return [
    line(LETTERS, 'Field-level score over the corpus the rules were written with'),
    line(UNSEEN_LETTERS, 'Over the letters written afterwards and not tuned for (unseen/)'),
  ].join('\n');
}

export const IMPORT_NOTES = [
  '- items: findings (facts, gaps, ambiguities, corrections) produced; ns/character is per character of letter text;',
  '  ratio: ns/character relative to the founding letter as pasted (near 1: the cost grows linearly with the text).',
];

if (process.argv[1] === import.meta.filename) {
  const quick = process.argv.includes('--quick');
  console.log(
    resultsTable(runImportBenchmarks({ quick }), { items: 'findings', units: 'characters' }),
  );
  console.log();
  console.log([...IMPORT_NOTES, corpusScoreLine()].join('\n'));
}
