/**
 * Letters as files arrive: UTF-8 text, 8-bit TCVN3 text (each byte a .VnTime glyph), Word .docx. Each gives the
 * founding roster; an unreadable file is refused in words, never a crash.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ServiceError } from '../../src/services/errors.ts';
import { readLetter } from '../../src/services/read-letter.ts';

const FIXTURES = join(import.meta.dirname, '../fixtures/letters');
const bytesOf = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));
/** founding.docx with the bytes in the middle of its compressed document.xml overwritten. */
function damaged(): Uint8Array {
  const bytes = bytesOf('founding.docx').slice();
  const entry = new TextDecoder('latin1')
    .decode(bytes)
    .lastIndexOf('word/document.xml', bytes.length - 200);
  bytes.fill(0xff, entry + 300, entry + 340);
  return bytes;
}
const founding = readFileSync(
  join(FIXTURES, '00-cong-van-phan-cong-truc-mot-cua-2024.txt'),
  'utf8',
);

describe('readLetter', async () => {
  const expected = (await readLetter({ text: founding })).draft;

  it('reads a UTF-8 text file', async () => {
    expect(
      (await readLetter({ bytes: bytesOf('00-cong-van-phan-cong-truc-mot-cua-2024.txt') })).draft,
    ).toEqual(expected);
  });

  it('reads an 8-bit TCVN3 text file (saved from a .VnTime document, Windows-1252 quotes)', async () => {
    const bytes = bytesOf('founding-tcvn3-8bit.txt');
    expect(bytes.includes(0x93)).toBe(true);
    const result = await readLetter({ bytes });
    expect(result.draft).toEqual(expected);
    expect(result.text).toContain('phương châm “5 rõ”');
  });

  it('reads the text of a Word .docx, one paragraph a line', async () => {
    const result = await readLetter({ bytes: bytesOf('founding.docx') });
    expect(result.draft).toEqual(expected);
    expect(result.text).toContain('(trực dự bị):\nTrực thứ Năm hằng tuần.');
  });

  it.each([
    [
      'a zip that is not a Word document',
      Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...new Array(40).fill(0)]),
      /docx/,
    ],
    ['a .docx cut short', bytesOf('founding.docx').subarray(0, 600), /docx/],
    ['a .docx whose compressed text is damaged', damaged(), /damaged/],
    ['an empty file', new Uint8Array(), /trống/],
    [
      'a letter in VNI',
      new TextEncoder().encode('Sôû Vaên hoùa, Theå thao vaø Du lòch tænh Baéc Giang'),
      /VNI/,
    ],
  ])('refuses %s in words', async (_, bytes, message) => {
    const refusal = await readLetter({ bytes }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ServiceError);
    expect((refusal as ServiceError).kind).toBe('validation');
    expect((refusal as ServiceError).message).toMatch(message);
  });
});
