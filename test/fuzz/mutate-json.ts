import fc from 'fast-check';

/** How many generated inputs each fuzz target runs: FUZZ_RUNS, default 10,000 (`npm run fuzz` asks for more). */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

/** Every path of `doc` (objects' keys and arrays' indexes), the root included. */
export function pathsOf(doc: Json, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (Array.isArray(doc)) {
    for (let i = 0; i < doc.length; i++) pathsOf(doc[i] as Json, [...prefix, i], out);
  } else if (doc !== null && typeof doc === 'object')
    for (const [k, v] of Object.entries(doc)) pathsOf(v, [...prefix, k], out);
  return out;
}

/** Values a hostile or careless file holds: wrong types, NaN, huge and negative numbers, near-miss enums. */
export const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(
    'NaN',
    'Infinity',
    '-Infinity',
    'abc',
    '1.0',
    'a,b',
    'Enabled',
    'disabled',
    'ROBUST',
    'Bogus',
    'Weird',
    'ChiSquared',
    '',
    true,
    false,
    null,
    [],
    {},
    0,
    -5,
    2048,
    1e12,
    1e308,
    -1e308,
    5e-324,
    0.5,
    [[]],
    [['NaN']],
    { a: 1 },
  ),
  fc.double(),
  fc.integer(),
  fc.string({ maxLength: 8 }),
  fc.array(fc.oneof(fc.double(), fc.string({ maxLength: 3 })), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { maxKeys: 3 }),
);

/** One edit of a document: set a node to a hostile value, delete it, or add an extra key beside it. */
export interface Mutation {
  at: number;
  op: 'set' | 'delete' | 'extra';
  value: Json;
}

export const mutations: fc.Arbitrary<Mutation[]> = fc.array(
  fc.record({
    at: fc.nat(),
    op: fc.constantFrom<Mutation['op']>('set', 'set', 'delete', 'extra'),
    value: hostileValue,
  }),
  { minLength: 1, maxLength: 3 },
);

/** A copy of `doc` with the mutations applied (paths picked modulo the number of paths). */
export function mutate<T>(doc: T, edits: readonly Mutation[]): unknown {
  let copy = structuredClone(doc) as Json;
  for (const edit of edits) {
    const paths = pathsOf(copy);
    const path = paths[edit.at % paths.length] as Path;
    if (path.length === 0) {
      if (edit.op === 'set') copy = edit.value;
      continue;
    }
    let parent = copy as Record<string | number, Json>;
    for (const part of path.slice(0, -1)) parent = parent[part] as Record<string | number, Json>;
    const last = path.at(-1) as string | number;
    if (edit.op === 'set') parent[last] = edit.value;
    else if (edit.op === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
    } else if (!Array.isArray(parent)) parent[`extra_${String(last)}`] = edit.value;
  }
  return copy;
}
