import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { uuidText, writeUuid } from '../../../src/core/eventIndex/uuid';

// Event ids are stored as 16 bytes when they are lower-case UUIDs, as their text otherwise.
describe('event ids as UUID bytes', () => {
  test('every lower-case UUID is written as bytes and read back as the same text', () => {
    const out = new Uint8Array(32);
    for (let i = 0; i < 2000; i++) {
      const id = randomUUID();
      assert.equal(writeUuid(id, out, 16), true, id);
      assert.equal(uuidText(out, 16), id);
    }
  });

  test('anything else is refused, whichever digit or hyphen is wrong', () => {
    const id = '0f3c2a4e-9b1d-4c6e-8a7f-5d2b1c0e9f8a';
    const bad = [
      id.toUpperCase(),
      id.slice(1),
      `${id}0`,
      id.replace(/-/g, '_'),
      ...Array.from({ length: 36 }, (_, i) => `${id.slice(0, i)}${id[i] === '-' ? '0' : 'g'}${id.slice(i + 1)}`),
      // A character whose code ends in a hex digit's byte (U+0130, U+0161) is no digit.
      `${id.slice(0, 35)}\u0130`,
      `\u0161${id.slice(1)}`,
    ];
    for (const text of bad) assert.equal(writeUuid(text, new Uint8Array(16), 0), false, text);
  });
});
