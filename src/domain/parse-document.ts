/**
 * Parsing YAML (or JSON, a subset of YAML) documents against a zod schema, with every problem located at a line and
 * column of the source text, so an admin can fix a roster file without guessing.
 */
import { isNode, LineCounter, parseDocument } from 'yaml';
import type * as z from 'zod';
import type { DocumentIssue, ParseResult } from './draft-format.ts';

export type { DocumentIssue, ParseResult };

/** Roster files use few anchors if any; this bounds the expansion of a hostile or mistaken file. */
const MAX_ALIAS_COUNT = 100;

export function parseDocumentWith<S extends z.ZodType>(
  schema: S,
  text: string,
): ParseResult<z.infer<S>> {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const at = (offset: number) => lineCounter.linePos(offset);
  if (document.errors.length > 0) {
    return {
      ok: false,
      issues: document.errors.map((error) => {
        const { line, col } = at(error.pos[0]);
        return { line, column: col, path: '', message: error.message.split('\n')[0]! };
      }),
    };
  }
  let data: unknown;
  try {
    // Throws on a document that expands beyond reason (an alias bomb: "Excessive alias count…").
    data = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, issues: [{ line: 1, column: 1, path: '', message }] };
  }
  const result = schema.safeParse(data);
  if (result.success) return { ok: true, value: result.data };
  const issues = result.error.issues.map((issue): DocumentIssue => {
    const path = issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part));
    const { line, col } = at(nearestNodeOffset(document, path));
    return { line, column: col, path: path.join('.'), message: issue.message };
  });
  return { ok: false, issues: issues.sort((a, b) => a.line - b.line || a.column - b.column) };
}

/** Offset of the deepest node that exists along `path` (a missing field is reported where its parent is). */
function nearestNodeOffset(
  document: ReturnType<typeof parseDocument>,
  path: (string | number)[],
): number {
  for (let length = path.length; length >= 0; length--) {
    const node = length === 0 ? document.contents : document.getIn(path.slice(0, length), true);
    if (isNode(node) && node.range) return node.range[0];
  }
  return 0;
}
