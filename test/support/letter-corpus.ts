/**
 * The corpus of assignment letters under test/fixtures/letters/: each `NN-name.txt` with its
 * `NN-name.expected.yaml` (the draft a careful reader would write, the gaps and ambiguities to report), and the
 * field-level score of the import rules over it: a field is a leaf of the draft (`members.1.unit`,
 * `periods.0.pattern.monday.memberId`); precision = right fields / fields the rules filled in, recall = right
 * fields / fields the letter states.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { importLetter, type LetterImport } from '../../src/domain/letter/import-letter.ts';

export const LETTERS = join(import.meta.dirname, '../fixtures/letters');
export const UNSEEN_LETTERS = join(LETTERS, 'unseen');
export const FOUNDING_LETTER = '00-cong-van-phan-cong-truc-mot-cua-2024.txt';

/** A letter of test/fixtures/letters/ as text (the founding letter by default). */
export const letterText = (name = FOUNDING_LETTER) => readFileSync(join(LETTERS, name), 'utf8');

export interface CorpusLetter {
  name: string;
  text: string;
  expected: { draft: Record<string, unknown>; gaps: string[]; ambiguities?: string[] };
}

/** The letters of `directory`: the corpus the rules were written with, or `unseen/`, written after and never tuned for. */
export function loadCorpus(directory = LETTERS): CorpusLetter[] {
  return readdirSync(directory)
    .filter((file) => file.endsWith('.expected.yaml'))
    .sort()
    .map((file) => {
      const name = file.replace('.expected.yaml', '');
      return {
        name,
        text: readFileSync(join(directory, `${name}.txt`), 'utf8'),
        expected: parse(readFileSync(join(directory, file), 'utf8')),
      };
    });
}

/** Every leaf of a draft as `path → value` (YAML dates are read as strings already). */
export function leaves(value: unknown, path = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value))
      for (const [leaf, leafValue] of leaves(item, path ? `${path}.${key}` : key))
        out.set(leaf, leafValue);
  } else out.set(path, value);
  return out;
}

export interface Score {
  right: number;
  extracted: number;
  expected: number;
  /** Fields extracted wrong or not at all, for the test's message. */
  misses: string[];
}

export function scoreDraft(
  draft: Record<string, unknown>,
  expected: Record<string, unknown>,
): Score {
  const got = leaves(draft);
  const want = leaves(expected);
  const misses: string[] = [];
  let right = 0;
  for (const [path, value] of want) {
    if (got.get(path) === value) right++;
    else misses.push(`${path}: expected ${String(value)}, got ${String(got.get(path))}`);
  }
  for (const path of got.keys()) if (!want.has(path)) misses.push(`${path}: not in the letter`);
  return { right, extracted: got.size, expected: want.size, misses };
}

export interface CorpusResult {
  letter: CorpusLetter;
  result: LetterImport;
  score: Score;
}

export function runCorpus(corpus = loadCorpus()): CorpusResult[] {
  return corpus.map((letter) => {
    const result = importLetter(letter.text);
    return { letter, result, score: scoreDraft(result.draft, letter.expected.draft) };
  });
}

export function totals(results: CorpusResult[]) {
  const sum = (key: keyof Omit<Score, 'misses'>) =>
    results.reduce((total, { score }) => total + score[key], 0);
  const right = sum('right');
  return {
    right,
    precision: right / sum('extracted'),
    recall: right / sum('expected'),
    fields: sum('expected'),
  };
}
