#!/usr/bin/env node
/** The `lichtruc` command line: validate roster files, preview duty, report duty records, list holidays. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { dateProblem } from '../domain/dates.ts';
import type { Language } from '../domain/vietnamese.ts';
import { UsageError } from './calendar-files.ts';
import { holidays } from './holidays.ts';
import { importLetterFile } from './import-letter.ts';
import { preview } from './preview.ts';
import { report } from './report.ts';
import { JSON_SCHEMAS, renderJsonSchema } from './schema.ts';
import { validate } from './validate.ts';
import { printWarnings } from './warnings.ts';

const USAGE = `lichtruc: duty rosters turned into calendars

Usage:
  lichtruc validate <file|dir>
  lichtruc preview <roster file or id> --from YYYY-MM-DD --to YYYY-MM-DD [--absences FILE]
                   [--format table|json|csv] [--lang vi|en] [--calendars DIR]
  lichtruc report <roster file or id> --from YYYY-MM-DD --to YYYY-MM-DD [--absences FILE]
                  [--format table|json|csv] [--lang vi|en] [--calendars DIR]
                                    duty records per member: scheduled, served, covers given and received
  lichtruc holidays <year> [--format table|json|csv] [--lang vi|en] [--calendars DIR]
  lichtruc schema <output dir>      write the JSON Schemas of roster files and holiday tables
  lichtruc import <letter .txt|.docx> [--out calendars/ID.yaml]
                                    a roster draft from an assignment letter; findings on stderr,
                                    exit 1 while something is missing

--to is inclusive. The absences file is a YAML or JSON list of {memberId, from, to, reason}, reason one of
leave, training, sick, personal, business, other. Rosters named by id are looked up in --calendars,
$LICHTRUC_CALENDARS or ./calendars.`;

const OPTIONS = {
  from: { type: 'string' },
  to: { type: 'string' },
  absences: { type: 'string' },
  format: { type: 'string', default: 'table' },
  lang: { type: 'string', default: 'vi' },
  calendars: { type: 'string' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')}`);
  return value as T;
}

function date(name: string, value: string | undefined): string {
  if (!value) throw new UsageError(`--${name} YYYY-MM-DD is required`);
  const problem = dateProblem(value);
  if (problem) throw new UsageError(`--${name} ${value}: ${problem}`);
  return value;
}

async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: OPTIONS,
    allowPositionals: true,
  });
  const [command, target, ...extra] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command || values.help ? 0 : 2;
  }
  if (!target) throw new UsageError(`${command} needs an argument\n\n${USAGE}`);
  if (extra.length > 0) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
  const format = oneOf('format', values.format, ['table', 'json', 'csv'] as const);
  const language = oneOf<Language>('lang', values.lang, ['vi', 'en']);

  switch (command) {
    case 'validate': {
      const result = validate(target);
      (result.ok ? console.log : console.error)(result.report);
      return result.ok ? 0 : 1;
    }
    case 'preview':
    case 'report': {
      const from = date('from', values.from);
      const to = date('to', values.to);
      if (to < from) throw new UsageError(`--to ${to} is before --from ${from}`);
      const output = (command === 'preview' ? preview : report)({
        roster: target,
        from,
        to,
        absences: values.absences,
        format,
        language,
        calendars: values.calendars,
      });
      printWarnings(output.warnings, language);
      process.stdout.write(output.stdout);
      return 0;
    }
    case 'holidays': {
      if (!/^\d{4}$/.test(target))
        throw new UsageError(`holidays needs a year such as 2026, not "${target}"`);
      process.stdout.write(
        holidays({ year: Number(target), format, language, calendars: values.calendars }),
      );
      return 0;
    }
    case 'import': {
      const output = await importLetterFile(target, values.out);
      console.error(output.stderr);
      process.stdout.write(output.stdout);
      return output.complete ? 0 : 1;
    }
    case 'schema': {
      for (const name of Object.keys(JSON_SCHEMAS) as (keyof typeof JSON_SCHEMAS)[]) {
        writeFileSync(join(target, name), renderJsonSchema(name));
      }
      return 0;
    }
    default:
      throw new UsageError(`unknown command "${command}"\n\n${USAGE}`);
  }
}

try {
  process.exitCode = await run(process.argv.slice(2));
} catch (error) {
  const known =
    error instanceof UsageError ||
    (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'));
  if (!known) throw error;
  console.error(`lichtruc: ${error.message}`);
  process.exitCode = 2;
}
