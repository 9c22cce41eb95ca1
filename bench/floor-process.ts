// The floor as a whole process, for comparing with a whole `vigil` run: node starts, reads the
// file and JSON.parses every line, and exits. Bundled to plain JavaScript by monitor-cli.ts, so
// no TypeScript loader slows its start-up.
import { readAndParseLines } from './floor.ts';

const lines = await readAndParseLines(process.argv[2] ?? '');
console.log(lines);
