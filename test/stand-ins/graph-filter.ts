/**
 * The slice of OData `$filter` the stand-in evaluates: `and`/`or`, parentheses, `eq`/`ne` against string, boolean or
 * null literals (`''` escapes a quote), `startswith(path, 'x')`, and lambda `any` over a collection, e.g.
 * `singleValueExtendedProperties/Any(ep: ep/id eq 'String {…} Name slot' and startswith(ep/value, 'roster-1/'))`.
 * Malformed text is Graph's 400; valid OData it does not model (ge, contains, …) is a loud 501.
 */
import { badRequest, NotModelled } from './graph-http.ts';

type Literal = string | boolean | null;

export type FilterNode =
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'compare'; op: 'eq' | 'ne'; path: string[]; value: Literal }
  | { kind: 'startswith'; path: string[]; value: string }
  | { kind: 'any'; path: string[]; variable: string; body: FilterNode };

/** What a filter is evaluated against: property values by path, and collections for `any`. */
export interface FilterScope {
  value(path: string[]): unknown;
  items(path: string[]): FilterScope[];
}

type Token =
  | { type: 'string'; text: string }
  | { type: 'name'; text: string }
  | { type: 'punct'; text: string };

const TOKEN = /\s*(?:'((?:[^']|'')*)'|([A-Za-z_$0-9][\w$.]*(?:\/[A-Za-z_$][\w$.]*)*)|([(),:]))/y;

export function parseFilter(text: string): FilterNode {
  const tokens = tokenize(text);
  let at = 0;
  const peek = (): Token | undefined => tokens[at];
  const isWord = (word: string): boolean =>
    peek()?.type === 'name' && peek()!.text.toLowerCase() === word;
  const expect = (text: string): void => {
    if (peek()?.text !== text) throw invalid(`expected '${text}'`);
    at += 1;
  };
  const literal = (): Literal => {
    const token = tokens[at++];
    if (token?.type === 'string') return token.text;
    if (token?.type === 'name' && ['true', 'false', 'null'].includes(token.text))
      return token.text === 'null' ? null : token.text === 'true';
    if (token?.type === 'name' && /^-?\d/.test(token.text))
      throw new NotModelled(`numeric literals in $filter (${text})`);
    throw invalid('expected a literal');
  };
  const name = (): string => {
    const token = tokens[at++];
    if (token?.type !== 'name') throw invalid('expected a property path');
    return token.text;
  };

  const binary = (kind: 'and' | 'or', operand: () => FilterNode): FilterNode => {
    let left = operand();
    while (isWord(kind)) {
      at += 1;
      left = { kind, left, right: operand() };
    }
    return left;
  };
  const orExpr = (): FilterNode => binary('or', andExpr);
  const andExpr = (): FilterNode => binary('and', primary);
  const primary = (): FilterNode => {
    if (peek()?.text === '(') {
      at += 1;
      const inner = orExpr();
      expect(')');
      return inner;
    }
    const path = name();
    if (peek()?.text === '(') return call(path);
    const op = name().toLowerCase();
    if (op !== 'eq' && op !== 'ne') {
      if (['gt', 'ge', 'lt', 'le', 'has', 'in'].includes(op))
        throw new NotModelled(`the '${op}' operator in $filter`);
      throw invalid(`unknown operator '${op}'`);
    }
    return { kind: 'compare', op, path: path.split('/'), value: literal() };
  };
  const call = (callee: string): FilterNode => {
    expect('(');
    const segments = callee.split('/');
    const fn = segments.at(-1)!.toLowerCase();
    if (fn === 'startswith' && segments.length === 1) {
      const path = name().split('/');
      expect(',');
      const value = literal();
      if (typeof value !== 'string') throw invalid('startswith needs a string');
      expect(')');
      return { kind: 'startswith', path, value };
    }
    if (fn === 'any' && segments.length > 1) {
      const variable = name();
      expect(':');
      const body = orExpr();
      expect(')');
      return { kind: 'any', path: segments.slice(0, -1), variable, body };
    }
    throw new NotModelled(`the function '${callee}' in $filter`);
  };

  const tree = orExpr();
  if (at !== tokens.length) throw invalid(`unexpected '${tokens[at]!.text}'`);
  return tree;

  function invalid(why: string): Error {
    return badRequest(`Invalid filter clause: ${why} in '${text}'.`);
  }
}

/** Evaluates a parsed filter; `canonical(path, literal)` lets a scope normalise literals (extended property ids). */
export function matchesFilter(
  node: FilterNode,
  scope: FilterScope,
  canonical: (path: string[], value: Literal) => Literal = (_p, v) => v,
): boolean {
  const run = (n: FilterNode, vars: Map<string, FilterScope>): boolean => {
    const resolve = (path: string[]): { scope: FilterScope; rest: string[] } => {
      const bound = vars.get(path[0]!);
      return bound ? { scope: bound, rest: path.slice(1) } : { scope, rest: path };
    };
    switch (n.kind) {
      case 'and':
        return run(n.left, vars) && run(n.right, vars);
      case 'or':
        return run(n.left, vars) || run(n.right, vars);
      case 'compare': {
        const { scope: target, rest } = resolve(n.path);
        const equal = (target.value(rest) ?? null) === canonical(rest, n.value);
        return n.op === 'eq' ? equal : !equal;
      }
      case 'startswith': {
        const { scope: target, rest } = resolve(n.path);
        const value = target.value(rest);
        return typeof value === 'string' && value.startsWith(n.value);
      }
      case 'any': {
        const { scope: target, rest } = resolve(n.path);
        return target
          .items(rest)
          .some((item) => run(n.body, new Map([...vars, [n.variable, item]])));
      }
    }
  };
  return run(node, new Map());
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const start = TOKEN.lastIndex;
    const match = TOKEN.exec(text);
    if (!match)
      throw badRequest(`Invalid filter clause: syntax error at position ${start} in '${text}'.`);
    if (match[1] !== undefined)
      tokens.push({ type: 'string', text: match[1].replaceAll("''", "'") });
    else if (match[2] !== undefined) tokens.push({ type: 'name', text: match[2] });
    else tokens.push({ type: 'punct', text: match[3]! });
  }
  return tokens;
}
