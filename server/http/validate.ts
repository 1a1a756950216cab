// Parse a request part with a schema, or throw the invalidRequest error listing every problem.

import type { z } from 'zod';
import { errors } from '../errors.js';

export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw errors.invalidRequest(result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  }
  return result.data;
}
