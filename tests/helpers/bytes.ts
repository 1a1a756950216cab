// Editing encoded Yjs bytes by hand, to build updates Yjs itself would never write.

import * as encoding from 'lib0/encoding';

const encode = (write: (encoder: encoding.Encoder) => void) => {
  const encoder = encoding.createEncoder();
  write(encoder);
  return Buffer.from(encoding.toUint8Array(encoder));
};

/** A string as lib0 writes it (length-prefixed UTF-8): how Yjs stores a mark's value, as JSON text. */
export const varString = (text: string) => encode((e) => encoding.writeVarString(e, text));

/** A string as lib0's `writeAny` writes it: how Yjs stores an attribute's value. */
export const anyString = (text: string) => encode((e) => encoding.writeAny(e, text));

/** `depth` arrays, each holding the next, around a string, in `writeAny`'s encoding (built without recursion). */
export function anyNested(depth: number, inner: string): Buffer {
  const open = encode((e) => {
    encoding.writeUint8(e, 117); // array
    encoding.writeVarUint(e, 1);
  });
  return Buffer.concat([...Array.from({ length: depth }, () => open), anyString(inner)]);
}

/** Replace the first occurrence of `from` inside encoded bytes with `to`; throws if absent. */
export function replaceBytes(bytes: Uint8Array, from: Uint8Array, to: Uint8Array): Uint8Array {
  const source = Buffer.from(bytes);
  const at = source.indexOf(Buffer.from(from));
  if (at < 0) throw new Error('those bytes are not in the update');
  return new Uint8Array(Buffer.concat([source.subarray(0, at), to, source.subarray(at + from.length)]));
}
