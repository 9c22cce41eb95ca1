import * as z from 'zod';

const count = z.number().int().nonnegative();

/**
 * A double as a stored profile writes it: a JSON number, or for the values JSON has no number for
 * the text `"NaN"`, `"Infinity"` or `"-Infinity"` (a sum of huge values can overflow even though
 * every value is finite). `JSON.stringify` would write them as `null`, and read back as 0.
 */
export const storedDouble = z.union([z.number(), z.enum(['NaN', 'Infinity', '-Infinity'])]);

/** A stored double, or null for the min and max of a column without numbers. */
const storedBound = z.union([storedDouble, z.null()]);

const kllSketchSchema = z.object({
  k: z.number().int().positive(),
  c: z.number().positive().max(1),
  levels: z.array(
    z.object({
      numOfCompress: count,
      offset: z.number().int().min(0).max(1),
      items: z.array(z.number()),
    }),
  ),
});

const typesV1 = {
  missing: count,
  fractional: count,
  integral: count,
  boolean: count,
  string: count,
};

const columnFields = {
  name: z.string(),
  moments: z.object({
    count,
    sum: storedDouble,
    avg: storedDouble,
    m2: storedDouble,
    min: storedBound,
    max: storedBound,
  }),
  kll: kllSketchSchema,
  hll: z.string().min(1),
  frequencies: z.union([z.array(z.tuple([z.string(), count])), z.null()]),
};

/** A stored profile of version 1 (before non-finite counts, examples and row widths). */
export const profileV1Schema = z.object({
  format: z.literal('vigil-profile'),
  version: z.literal(1),
  itemCount: count,
  widthMismatchRows: count.optional(),
  columns: z.array(z.object({ ...columnFields, types: z.object(typesV1) })),
});

/** A stored profile of version 2: what `profileToJson` writes. */
export const profileV2Schema = z.object({
  format: z.literal('vigil-profile'),
  version: z.literal(2),
  itemCount: count,
  /** [width, rows] pairs: how many rows had each number of values. */
  rowWidths: z.array(z.tuple([count, count])),
  columns: z.array(
    z.object({
      ...columnFields,
      types: z.object({ ...typesV1, nonFinite: count }),
      examples: z.array(z.string()),
    }),
  ),
});

/** Either stored version, told apart by `version`. */
export const storedProfileSchema = z.discriminatedUnion('version', [profileV1Schema, profileV2Schema]);

export type ProfileV1Json = z.infer<typeof profileV1Schema>;
export type ProfileV2Json = z.infer<typeof profileV2Schema>;
