import type { ByteWriter } from './bytes';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** A lower-case hex digit's value, or -1 (read by char code: this runs for every event indexed). */
function nibble(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}

/** CloudTrail's eventIDs are lower-case UUIDs: 16 bytes instead of 36 characters. */
export function isUuid(text: string): boolean {
  if (text.length !== 36) return false;
  for (let i = 0; i < 36; i++) {
    const code = text.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (code !== 45) return false;
    } else if (nibble(code) < 0) return false;
  }
  return true;
}

/** Writes a UUID (isUuid) as its 16 bytes. */
export function writeUuid(uuid: string, out: ByteWriter): void {
  for (let i = 0; i < 36;) {
    if (uuid.charCodeAt(i) === 45) i++;
    out.u8((nibble(uuid.charCodeAt(i)) << 4) | nibble(uuid.charCodeAt(i + 1)));
    i += 2;
  }
}

export function uuidText(bytes: Uint8Array, at: number): string {
  let s = '';
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) s += '-';
    s += HEX[bytes[at + i]!]!;
  }
  return s;
}
