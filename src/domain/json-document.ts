/**
 * Reading a JSON document against a zod schema with every problem at a line and column, as parse-document.ts does
 * for YAML: the draft format of the letter import where the yaml library is left out (Workers).
 */
import type { DocumentIssue, DraftFormat, ParseResult } from './draft-format.ts';
import type * as z from 'zod';

type Path = (string | number)[];

/** 1-based line and column of an offset. */
function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

/**
 * The offset of every value of a well-formed JSON text by its path, and the duplicate keys (JSON.parse keeps the last
 * silently; the YAML reader refuses them, and so does this one).
 */
function indexValues(text: string) {
  const offsets = new Map<string, number>();
  const duplicates: { offset: number; path: Path }[] = [];
  let at = 0;
  const skipSpace = () => {
    while (/\s/.test(text[at] ?? '')) at++;
  };
  const readString = () => {
    const start = at++;
    while (text[at] !== '"') at += text[at] === '\\' ? 2 : 1;
    at++;
    return JSON.parse(text.slice(start, at)) as string;
  };
  const readValue = (path: Path): void => {
    skipSpace();
    offsets.set(JSON.stringify(path), at);
    const open = text[at];
    if (open === '"') return void readString();
    if (open !== '{' && open !== '[') {
      while (at < text.length && !/[\s,\]}]/.test(text[at]!)) at++;
      return;
    }
    at++;
    const keys = new Set<string>();
    for (let index = 0; ; index++) {
      skipSpace();
      if (text[at] === '}' || text[at] === ']') break;
      if (open === '{') {
        const keyAt = at;
        const key = readString();
        if (keys.has(key)) duplicates.push({ offset: keyAt, path: [...path, key] });
        keys.add(key);
        skipSpace();
        at++; // the colon
        readValue([...path, key]);
      } else readValue([...path, index]);
      skipSpace();
      if (text[at] === ',') at++;
    }
    at++;
  };
  readValue([]);
  return { offsets, duplicates };
}

export function parseJsonWith<S extends z.ZodType>(
  schema: S,
  text: string,
): ParseResult<z.infer<S>> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const offset = Number(/position (\d+)/.exec(message)?.[1] ?? 0);
    return { ok: false, issues: [{ ...positionOf(text, offset), path: '', message }] };
  }
  const { offsets, duplicates } = indexValues(text);
  if (duplicates.length > 0)
    return {
      ok: false,
      issues: duplicates.map(({ offset, path }) => ({
        ...positionOf(text, offset),
        path: path.join('.'),
        message: 'Map keys must be unique',
      })),
    };
  const result = schema.safeParse(data);
  if (result.success) return { ok: true, value: result.data };
  const issues = result.error.issues.map((issue): DocumentIssue => {
    const path = issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part));
    // A missing field is reported where the deepest value along its path is.
    let length = path.length;
    while (length > 0 && !offsets.has(JSON.stringify(path.slice(0, length)))) length--;
    const offset = offsets.get(JSON.stringify(path.slice(0, length))) ?? 0;
    return { ...positionOf(text, offset), path: path.join('.'), message: issue.message };
  });
  return { ok: false, issues: issues.sort((a, b) => a.line - b.line || a.column - b.column) };
}

export const JSON_DRAFT: DraftFormat = {
  name: 'JSON',
  extension: 'json',
  mediaType: 'application/json; charset=utf-8',
  write: (draft) => `${JSON.stringify(draft, null, 2)}\n`,
  read: parseJsonWith,
};
