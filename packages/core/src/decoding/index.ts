export type { NodeBufferModule } from './ascii.ts';
export { asciiDecoderFromNodeBuffer, provideAsciiDecoder } from './ascii.ts';
