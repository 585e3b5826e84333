/**
 * The letter import's draft as JSON (on Workers, where the yaml library is left out): read back with every problem
 * where the YAML reader puts it. JSON is YAML, so the YAML reader given the same text is the reference.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { JSON_DRAFT, parseJsonWith } from '../../src/domain/json-document.ts';
import { parseDocumentWith } from '../../src/domain/parse-document.ts';
import { RosterSchema } from '../../src/domain/roster-schema.ts';
import { CALENDARS } from '../support/sample.ts';

const source = parse(readFileSync(join(CALENDARS, 'so-vhttdl-bac-giang.yaml'), 'utf8'));
const draft = JSON_DRAFT.write(source);

describe('the JSON draft of the letter import', () => {
  it('reads back the roster the YAML file makes', () => {
    const read = JSON_DRAFT.read(RosterSchema, draft);
    expect(read).toEqual({ ok: true, value: RosterSchema.parse(source) });
  });

  it('places schema problems at the line, column and path the YAML reader gives for the same text', () => {
    const broken = draft
      .replace(/"honorific": "Bà"/, '"honorific": "Cô"')
      .replace(/"email": "[^"]*"/, '"email": "not an address"')
      .replace(/"timeZone": "[^"]*",\n/, '"timeZone": "Asia/Hanoi-ish",\n')
      .replace(/\n {6}"fullName": "[^"]*",/, '');
    const json = parseJsonWith(RosterSchema, broken);
    expect(json.ok).toBe(false);
    expect(json).toEqual(parseDocumentWith(RosterSchema, broken));
    if (json.ok) return;
    const lines = broken.split('\n');
    const honorific = json.issues.find((issue) => issue.path === 'members.0.honorific')!;
    expect(lines[honorific.line - 1]!.slice(honorific.column - 1)).toBe('"Cô",');
    const missing = json.issues.find((issue) => issue.path === 'members.0.fullName')!;
    expect(lines[missing.line - 1]!.slice(missing.column - 1)).toBe('{'); // where the member starts
  });

  it('says where the text stops being JSON, and refuses a key given twice', () => {
    const lines = draft.split('\n');
    const unclosed = parseJsonWith(RosterSchema, draft.replace(/",\n/, '"\n'));
    expect(unclosed).toMatchObject({ ok: false, issues: [{ line: 3, path: '' }] });
    const twice = draft.replace(/\n {2}"name": ("[^"]*"),/, '\n  "name": $1,\n  "name": $1,');
    const line = lines.findIndex((text) => text.startsWith('  "name"')) + 2;
    expect(parseJsonWith(RosterSchema, twice)).toEqual({
      ok: false,
      issues: [{ line, column: 3, path: 'name', message: 'Map keys must be unique' }],
    });
  });
});
