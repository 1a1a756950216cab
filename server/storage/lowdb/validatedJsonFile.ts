// A lowdb adapter for one JSON file: every read is parsed by a schema (a file that fails is reported as damaged,
// never treated as empty) and every write is atomic and fsynced.

import { readFile } from 'node:fs/promises';
import type { Adapter } from 'lowdb';
import type { z } from 'zod';
import { DamagedFileError } from '../../errors.js';
import { writeFileAtomic } from '../atomicFile.js';

export class ValidatedJsonFile<S extends z.ZodType> implements Adapter<z.infer<S>> {
  constructor(
    readonly file: string,
    private readonly schema: S,
  ) {}

  async read(): Promise<z.infer<S> | null> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new DamagedFileError(this.file, 'not valid JSON');
    }
    const parsed = this.schema.safeParse(json);
    if (!parsed.success) {
      throw new DamagedFileError(this.file, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    }
    return parsed.data;
  }

  async write(data: z.infer<S>): Promise<void> {
    await writeFileAtomic(this.file, JSON.stringify(data));
  }
}
