/** Walking the contract's zod schemas: every object key a method's arguments can hold. */
import { z } from 'zod';

/** Each path of object keys under `schema` (array positions and records left out), outermost first. */
export function keyPaths(schema: z.core.$ZodType, above: readonly string[] = []): string[][] {
  if (schema instanceof z.ZodObject) {
    return Object.entries(schema.shape as Record<string, z.core.$ZodType>).flatMap(([key, inner]) => [[...above, key], ...keyPaths(inner, [...above, key])]);
  }
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) return keyPaths(schema.unwrap() as z.core.$ZodType, above);
  if (schema instanceof z.ZodArray) return keyPaths(schema.element as z.core.$ZodType, above);
  if (schema instanceof z.ZodUnion) return (schema.options as readonly z.core.$ZodType[]).flatMap((o) => keyPaths(o, above));
  // A record's keys are data (records.add: the columns of a table), named elsewhere.
  return [];
}
