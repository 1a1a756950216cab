// The server's record of who wrote under each Yjs client id, and when. Read the same way api.ts reads every answer:
// an error body becomes an ApiError with its stable id; an answer that breaks the contract is the server's fault.

import { z } from 'zod';
import { ERROR_IDS } from '../../../shared/errors.js';
import { historyAuthorsSchema, type HistoryAuthors } from '../../../shared/history.js';
import { ApiError } from '../api.js';

const errorBodySchema = z.object({ error: z.object({ id: z.enum(ERROR_IDS) }) });

export async function fetchAuthors(planId: string): Promise<HistoryAuthors> {
  let res: Response;
  try {
    res = await fetch(`/api/plans/${encodeURIComponent(planId)}/history/authors`, {
      headers: { accept: 'application/json' },
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError('network');
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const parsed = errorBodySchema.safeParse(body);
    throw new ApiError(parsed.success ? parsed.data.error.id : 'internal');
  }
  const parsed = historyAuthorsSchema.safeParse(body);
  if (!parsed.success) throw new ApiError('internal');
  return parsed.data;
}
