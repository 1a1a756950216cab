// Calls to the REST API. Errors come back with a stable id that the page shows as `errors.<id>`.

import { ERROR_IDS, type ErrorBody, type ErrorId } from '../../shared/errors.js';
import { planMetaSchema, type CreatePlanBody, type PlanMeta } from '../../shared/schemas.js';

export class ApiError extends Error {
  constructor(readonly id: ErrorId | 'network') {
    super(id);
  }
}

async function call(path: string, init?: RequestInit): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers: { accept: 'application/json', ...(init?.headers ?? {}) } });
  } catch {
    throw new ApiError('network');
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const id = (body as ErrorBody | null)?.error?.id;
    throw new ApiError(id && (ERROR_IDS as readonly string[]).includes(id) ? id : 'internal');
  }
  return body;
}

export async function createPlan(body: CreatePlanBody): Promise<PlanMeta> {
  const json = await call('/api/plans', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return planMetaSchema.parse(json);
}

export async function fetchPlan(planId: string): Promise<PlanMeta> {
  return planMetaSchema.parse(await call(`/api/plans/${encodeURIComponent(planId)}`));
}
