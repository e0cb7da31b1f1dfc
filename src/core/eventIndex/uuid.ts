const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** A lower-case hex digit's value, or -1 (read by char code: this runs for every event indexed). */
function nibble(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}

/**
 * CloudTrail's eventIDs are lower-case UUIDs: 16 bytes instead of 36 characters. Writes the UUID's bytes
 * at `out[at..at+16)` and says whether `text` is one; when it is not, what was written means nothing
 * (the caller zeroes it and keeps the text). One pass: this runs for every event indexed.
 */
export function writeUuid(text: string, out: Uint8Array, at: number): boolean {
  if (text.length !== 36) return false;
  let o = at;
  for (let i = 0; i < 36; i += 2) {
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (text.charCodeAt(i) !== 45) return false;
      i--;
      continue;
    }
    const high = nibble(text.charCodeAt(i));
    const low = nibble(text.charCodeAt(i + 1));
    if (high < 0 || low < 0) return false;
    out[o++] = (high << 4) | low;
  }
  return true;
}

export function uuidText(bytes: Uint8Array, at: number): string {
  let s = '';
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) s += '-';
    s += HEX[bytes[at + i]!]!;
  }
  return s;
}
