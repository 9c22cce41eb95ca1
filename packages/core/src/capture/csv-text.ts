const QUOTE = 34; // "
const COMMA = 44; // ,
const LF = 10; // \n
const CR = 13; // \r

/**
 * Splits a CSV payload into records of field texts. Records are separated by `\n` or `\r\n`;
 * blank records (a trailing newline, an empty line) are skipped. Fields keep their text as
 * sent, without trimming; RFC-4180 quoting (`"a,b"`, `"say ""hi"""`, newlines inside quotes)
 * is honoured.
 *
 * The common case — no quote anywhere — takes a fast path that allocates only the field
 * strings, because capture parsing is the hot loop of data-quality profiling.
 *
 * @example
 * ```ts
 * csvRecords('1,2.5,a\n3,4,"b,c"\n'); // [['1', '2.5', 'a'], ['3', '4', 'b,c']]
 * ```
 */
export function csvRecords(text: string): string[][] {
  if (text.indexOf('"') === -1) return unquotedRecords(text);
  return quotedRecords(text);
}

function unquotedRecords(text: string): string[][] {
  const n = text.length;
  if (text.indexOf('\n') === -1) {
    const line = text.charCodeAt(n - 1) === CR ? text.slice(0, -1) : text;
    return line.length === 0 ? [] : [line.split(',')];
  }
  const records: string[][] = [];
  let start = 0;
  while (start < n) {
    let newline = text.indexOf('\n', start);
    if (newline === -1) newline = n;
    let end = newline;
    if (end > start && text.charCodeAt(end - 1) === CR) end--;
    if (end > start) records.push(text.slice(start, end).split(','));
    start = newline + 1;
  }
  return records;
}

/** A small RFC-4180 state machine for payloads that contain quotes. */
function quotedRecords(text: string): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let field = '';
  let fieldStarted = false;
  let i = 0;
  const n = text.length;
  const endRecord = () => {
    if (fieldStarted || fields.length > 0) {
      fields.push(field);
      records.push(fields);
    }
    fields = [];
    field = '';
    fieldStarted = false;
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === QUOTE && field.length === 0 && !fieldStarted) {
      // A quoted field: read to the closing quote, un-doubling "" on the way.
      let j = i + 1;
      let chunkStart = j;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q === -1) {
          // Unterminated quote: keep the rest as the field's text rather than losing it.
          field += text.slice(chunkStart);
          j = n;
          break;
        }
        if (text.charCodeAt(q + 1) === QUOTE) {
          field += text.slice(chunkStart, q + 1);
          j = q + 2;
          chunkStart = j;
          continue;
        }
        field += text.slice(chunkStart, q);
        j = q + 1;
        break;
      }
      fieldStarted = true;
      i = j;
      continue;
    }
    if (c === COMMA) {
      fields.push(field);
      field = '';
      fieldStarted = false;
      i++;
      continue;
    }
    if (c === LF || (c === CR && (i + 1 === n || text.charCodeAt(i + 1) === LF))) {
      endRecord();
      i += c === CR ? 2 : 1;
      continue;
    }
    // Unquoted text (or text after a closing quote): read up to the next delimiter.
    let j = i + 1;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (d === COMMA || d === LF || (d === CR && (j + 1 === n || text.charCodeAt(j + 1) === LF))) break;
      j++;
    }
    field += text.slice(i, j);
    fieldStarted = true;
    i = j;
  }
  endRecord();
  return records;
}
