import type { AsciiDecoder } from '../ports/ascii-decoder.ts';

let installed: AsciiDecoder | undefined;

/** The slice of `node:buffer` that {@link asciiDecoderFromNodeBuffer} uses. */
export interface NodeBufferModule {
  isAscii(bytes: Uint8Array): boolean;
  Buffer: {
    from(
      buffer: ArrayBufferLike,
      byteOffset: number,
      length: number,
    ): { toString(encoding: 'latin1'): string };
  };
}

/**
 * The ASCII fast path over `node:buffer`, handed in by the caller so that core itself imports
 * nothing from `node:`.
 *
 * @example
 * ```ts
 * import * as nodeBuffer from 'node:buffer';
 * provideAsciiDecoder(asciiDecoderFromNodeBuffer(nodeBuffer));
 * ```
 */
export function asciiDecoderFromNodeBuffer(module: NodeBufferModule): AsciiDecoder {
  return {
    isAscii: (bytes) => module.isAscii(bytes),
    decode: (bytes) =>
      module.Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'),
  };
}

/**
 * Installs the fast path that capture decoding tries before `TextDecoder` (see `AsciiDecoder`);
 * `undefined` removes it. Without one, every byte goes through `TextDecoder`, with the same result.
 *
 * @example
 * ```ts
 * provideAsciiDecoder(asciiDecoderFromNodeBuffer(nodeBuffer)); // nodeBuffer from node:buffer
 * ```
 */
export function provideAsciiDecoder(decoder: AsciiDecoder | undefined): void {
  installed = decoder;
}

/**
 * `bytes` decoded by the installed ASCII fast path when they are all ASCII; undefined when no
 * fast path is installed or a byte is not ASCII (the caller then decodes them as UTF-8).
 */
export function decodeIfAscii(bytes: Uint8Array): string | undefined {
  if (installed === undefined || !installed.isAscii(bytes)) return undefined;
  return installed.decode(bytes);
}
