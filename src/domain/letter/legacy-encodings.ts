/**
 * Legacy Vietnamese encodings. Letters typed in the 1990s–2000s fonts (.VnTime: TCVN3, also called ABC; VNI-Times:
 * VNI) arrive as Latin-1 look-alikes when pasted or saved as text: "Trung t©m" is TCVN3 for "Trung tâm", "Vieät"
 * is VNI for "Việt". TCVN3 maps one byte to one letter, so it converts character for character (spans stay put);
 * VNI spreads a letter over two characters and is refused with the fix in words instead of half-converted.
 */

// TCVN 5712 (VN3, the byte range the .VnTime fonts use), generated with `iconv -f TCVN5712-1`; 0xB0–0xB4 (its
// combining tone marks) are left out because VN3 text does not use them.
const TCVN3_SOURCE =
  '¡¢£¤¥¦§¨©ª«¬\u00ad®¯µ¶·¸¹º»¼½¾¿ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõö÷øùúûüýþÿ';
const TCVN3_TARGET =
  'ĂÂÊÔƠƯĐăâêôơưđẰàảãáạẲằẳẵắẴẮẦẨẪẤỀặầẩẫấậèỂẻẽéẹềểễếệìỉỄẾỒĩíịòỔỏõóọồổỗốộờởỡớợùỖủũúụừửữứựỳỷỹýỵỐ';

const TCVN3 = new Map([...TCVN3_SOURCE].map((char, index) => [char, [...TCVN3_TARGET][index]!]));

// Characters no Unicode Vietnamese word contains, next to a letter: ¸ is TCVN3's "á", ø is VNI's huyền mark.
const TCVN3_MARKERS = /(?<=\p{L})[¡-¯µ-¹»-¿]|[¡-¯µ-¹»-¿](?=\p{L})/gu;
const VNI_MARKERS = /(?<=\p{L})[øïûöäåëüÿØÏÛÖÄÅËÜ]|[ñÑ](?=\p{L})/gu;
const THRESHOLD = 3;

export type LegacyEncoding = 'tcvn3' | 'vni';

export function detectLegacyEncoding(text: string): LegacyEncoding | undefined {
  if ((text.match(TCVN3_MARKERS)?.length ?? 0) >= THRESHOLD) return 'tcvn3';
  if ((text.match(VNI_MARKERS)?.length ?? 0) >= THRESHOLD) return 'vni';
  return undefined;
}

/**
 * TCVN3 text to Unicode, one character for one. The .VnTime fonts have no upper-case toned vowels (the
 * .VnTimeH font draws the same codes in capitals), so "GI¸M §èC" comes out "GIáM ĐốC": letters right, case not.
 */
export function convertTcvn3(text: string): string {
  let out = '';
  for (const char of text) out += TCVN3.get(char) ?? char;
  return out;
}
