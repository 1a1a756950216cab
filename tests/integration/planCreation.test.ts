// Starting plans over the REST API: what comes back, and the limit on how many one address may start.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../shared/limits.js';
import { planMetaSchema } from '../../shared/schemas.js';
import { createTestAccount, startTestServer } from '../helpers/server.js';

describe('starting plans', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  /** The session cookie of the one signed-in person who starts every plan here. */
  let cookie: string;
  beforeAll(async () => {
    server = await startTestServer();
    ({ cookie } = await createTestAccount(server, 'Rhys'));
  });
  afterAll(async () => {
    await server?.dispose();
  });

  const start = (body: unknown) =>
    fetch(`${server.url}/api/plans`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) });

  it('returns the new plan, with a title cleaned of surrounding space', async () => {
    const res = await start({ jurisdiction: 'wales', title: '  Cynllun Rhys  ', language: 'cy' });
    expect(res.status).toBe(201);
    const plan = planMetaSchema.parse(await res.json());
    expect(plan).toMatchObject({ jurisdiction: 'wales', title: 'Cynllun Rhys', language: 'cy' });
    const fetched = await fetch(`${server.url}/api/plans/${plan.id}`, { headers: { cookie } });
    expect(planMetaSchema.parse(await fetched.json())).toEqual(plan);
  });

  it(`refuses a plan name with control characters, or longer than ${LIMITS.maxPlanTitleLength} characters`, async () => {
    for (const title of ['bad\u0000name', 'x'.repeat(LIMITS.maxPlanTitleLength + 1)]) {
      const res = await start({ jurisdiction: 'england', title });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { id: string } }).error.id).toBe('invalidRequest');
    }
  });

  it('limits how many plans one address can start in a while, with a message to act on', async () => {
    let status = 0;
    let created = 3; // requests so far: the first test's plan and the two refused names count too
    while (created < LIMITS.maxPlansCreatedPerWindow + 5) {
      const res = await start({ jurisdiction: 'england' });
      status = res.status;
      if (status !== 201) {
        const body = (await res.json()) as { error: { id: string; message: string } };
        expect(body.error.id).toBe('tooManyRequests');
        expect(body.error.message).toMatch(/wait/);
        break;
      }
      created += 1;
    }
    expect(status).toBe(429);
    expect(created).toBe(LIMITS.maxPlansCreatedPerWindow);
  });
});
