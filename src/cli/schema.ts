/** JSON Schemas generated from the zod schemas, so editors validate roster files and holiday tables as they type. */
import * as z from 'zod';
import { HolidayTableSchema } from '../domain/holiday-schema.ts';
import { RosterObjectSchema } from '../domain/roster-schema.ts';

export const JSON_SCHEMAS = {
  'roster.schema.json': { schema: RosterObjectSchema, title: 'lichtruc roster' },
  'holiday-table.schema.json': { schema: HolidayTableSchema, title: 'lichtruc holiday table' },
} as const;

export function renderJsonSchema(name: keyof typeof JSON_SCHEMAS): string {
  const { schema, title } = JSON_SCHEMAS[name];
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify({ ...json, title }, null, 2)}\n`;
}
