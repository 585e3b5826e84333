/**
 * The letter's roster with its desk made public, and with contact details for Bà Hà that no public output may show.
 */
import type { SourceFile } from '../../src/domain/calendar-set.ts';
import { readCalendarFiles } from './sample.ts';

export const ROSTER_ID = 'so-vhttdl-bac-giang';
export const CONTACTS = ['ha.nm@svhttdl.bacgiang.gov.vn', '0912 345 678'];

/** The roster file's text with `publish.publicDesk` and Bà Hà's e-mail and phone. */
export function publicDeskText(text: string): string {
  const withContacts = text.replace(
    '    fullName: Nguyễn Mạnh Hà\n',
    `    fullName: Nguyễn Mạnh Hà\n    email: ${CONTACTS[0]}\n    phone: "${CONTACTS[1]}"\n`,
  );
  if (withContacts === text) throw new Error('the sample roster no longer names Bà Hà as expected');
  return `${withContacts}publish:\n  publicDesk: true\n`;
}

export function publicDeskFiles(): SourceFile[] {
  return readCalendarFiles().map((file) =>
    file.path === `${ROSTER_ID}.yaml` ? { ...file, text: publicDeskText(file.text) } : file,
  );
}
