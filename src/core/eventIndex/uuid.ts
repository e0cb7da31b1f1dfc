const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Each ASCII code's value as a lower-case hex digit, or -1. */
const NIBBLE = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) NIBBLE['0123456789abcdef'.charCodeAt(i)] = i;

/** Where each of a UUID's 16 bytes starts in its text (two hex digits each, around four hyphens). */
const BYTE_AT = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];

/**
 * CloudTrail's eventIDs are lower-case UUIDs: 16 bytes instead of 36 characters. Writes the UUID's bytes
 * at `out[at..at+16)` and says whether `text` is one; when it is not, what was written means nothing
 * (the caller zeroes it and keeps the text). Digits by table, a bad one remembered in a sign bit rather
 * than tested digit by digit: this runs for every event indexed.
 */
export function writeUuid(text: string, out: Uint8Array, at: number): boolean {
  if (text.length !== 36) return false;
  if (text.charCodeAt(8) !== 45 || text.charCodeAt(13) !== 45 || text.charCodeAt(18) !== 45) return false;
  if (text.charCodeAt(23) !== 45) return false;
  let bad = 0;
  for (let k = 0; k < 16; k++) {
    const high = nibble(text.charCodeAt(BYTE_AT[k]!));
    const low = nibble(text.charCodeAt(BYTE_AT[k]! + 1));
    bad |= high | low;
    out[at + k] = (high << 4) | low;
  }
  return bad >= 0;
}

/** A lower-case hex digit's value, or -1. */
function nibble(code: number): number {
  return code < 128 ? NIBBLE[code]! : -1;
}

export function uuidText(bytes: Uint8Array, at: number): string {
  let s = '';
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) s += '-';
    s += HEX[bytes[at + i]!]!;
  }
  return s;
}
