/**
 * A byte range of one capture object: the lines that start at a byte in `[start, end)`. Large
 * files are profiled in such parts (on worker threads, for example) and the parts' profiles
 * merged, as Spark splits a text file: every line belongs to exactly one part, the one its first
 * byte falls in, however the part boundaries cut the lines.
 */
export interface CapturePartition {
  key: string;
  start: number;
  end: number;
}

/**
 * The partitions of an object of `size` bytes, `partitionBytes` each (the last one shorter); one
 * partition for an empty object.
 *
 * @example
 * ```ts
 * capturePartitions('a.jsonl', 250, 100); // [0, 100), [100, 200), [200, 250)
 * ```
 */
export function capturePartitions(key: string, size: number, partitionBytes: number): CapturePartition[] {
  if (!(partitionBytes > 0)) throw new RangeError(`partitionBytes must be positive, got ${partitionBytes}`);
  const out: CapturePartition[] = [];
  for (let start = 0; start < size || out.length === 0; start += partitionBytes) {
    out.push({ key, start, end: Math.min(size, start + partitionBytes) });
  }
  return out;
}

/**
 * Where to start reading a partition: one byte early, so that `partitionChunks` can tell whether
 * the partition begins on a line's first byte.
 *
 * @example
 * ```ts
 * const lines = partitionChunks(store.stream(p.key, readStart(p)), p);
 * ```
 */
export function readStart(partition: CapturePartition): number {
  return partition.start === 0 ? 0 : partition.start - 1;
}

const LF = 10;

/**
 * The bytes of the lines that start in `partition`, from a stream of the object's bytes beginning
 * at `readStart(partition)`: a first, partial line is dropped (it belongs to the partition before)
 * and the last line is read to its newline past `end` (or to the object's end). Reading stops
 * there, so the rest of the stream is never fetched.
 *
 * @example
 * ```ts
 * await profileCaptureChunks(partitionChunks(store.stream(key, readStart(p)), p), key, builder, options);
 * ```
 */
export async function* partitionChunks(
  chunks: AsyncIterable<Uint8Array>,
  partition: CapturePartition,
): AsyncIterable<Uint8Array> {
  // `position` is the object offset of the current chunk's first byte. A partition skips to its
  // first line's start, reads on, and once past byte end - 1 finishes the line holding that byte.
  let position = readStart(partition);
  let state: 'skipping' | 'reading' | 'finishing' = partition.start === 0 ? 'reading' : 'skipping';
  for await (const chunk of chunks) {
    let from = 0;
    if (state === 'skipping') {
      const newline = chunk.indexOf(LF);
      if (newline === -1) {
        position += chunk.length;
        continue;
      }
      from = newline + 1;
      // A line that starts at or after `end` is the next partition's.
      if (position + from >= partition.end) return;
      state = 'reading';
    }
    const lastByte = state === 'finishing' ? 0 : partition.end - 1 - position;
    if (lastByte < chunk.length) {
      const newline = chunk.indexOf(LF, Math.max(from, lastByte));
      if (newline !== -1) {
        yield chunk.subarray(from, newline + 1);
        return;
      }
      state = 'finishing';
    }
    if (from < chunk.length) yield chunk.subarray(from);
    position += chunk.length;
  }
}
