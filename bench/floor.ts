import { createReadStream } from 'node:fs';

/**
 * The floor every profiling benchmark is compared with: read the same bytes and JSON.parse every
 * line, doing nothing else. Returns the number of lines parsed.
 */
export async function readAndParseLines(path: string): Promise<number> {
  let lines = 0;
  let rest = '';
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const text = rest + (chunk as string);
    let start = 0;
    for (let end = text.indexOf('\n', start); end !== -1; end = text.indexOf('\n', start)) {
      if (end > start) {
        JSON.parse(text.slice(start, end));
        lines++;
      }
      start = end + 1;
    }
    rest = text.slice(start);
  }
  if (rest.trim()) {
    JSON.parse(rest);
    lines++;
  }
  return lines;
}
