// Everything that was reported saved is there after the server restarts on the same data directory, in every
// plan; a plan whose files were damaged while it was down is refused on its own, and the others open.

import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/closeCodes.js';
import { sectionFieldName } from '../../shared/protocol.js';
import { SECTION_IDS } from '../../shared/sections.js';
import type { PlanMeta } from '../../shared/schemas.js';
import { connectClient, createTestPlan, makeDataDir, startTestServer, waitFor, waitForSync, type TestClient } from '../helpers/server.js';
import { lowdbPlanDir } from '../helpers/stores.js';

type Server = Awaited<ReturnType<typeof startTestServer>>;

/** Every section of a plan, as XML, as one client has it. */
const sectionsOf = (c: TestClient) => Object.fromEntries(SECTION_IDS.map((id) => [id, c.doc.getXmlFragment(sectionFieldName(id)).toString()]));

describe('restart', () => {
  let dataDir: string;
  let server: Server | null = null;
  const clients: TestClient[] = [];
  const client = (planId: string, name: string, role = 'family') => {
    const c = connectClient(server!.url, planId, { name, role });
    clients.push(c);
    return c;
  };
  const restart = async () => {
    await server!.dispose();
    for (const c of clients.splice(0)) c.destroy();
    server = await startTestServer(dataDir);
  };

  beforeEach(async () => {
    dataDir = await makeDataDir();
    server = await startTestServer(dataDir);
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server?.dispose();
    server = null;
    await rm(dataDir, { recursive: true, force: true });
  });

  /** Two people write in each plan; returns each plan's sections once everything is saved. */
  async function writeInPlans(plans: PlanMeta[], round: number): Promise<Record<string, string>[]> {
    const writers = plans.map((plan) => [client(plan.id, 'Sam', 'person'), client(plan.id, 'Megan')] as const);
    await Promise.all(writers.flat().map(waitForSync));
    writers.forEach(([sam, megan], i) => {
      sam.type('aboutMe', `Round ${round}: plan ${i}, Sam's words. `);
      megan.type('whatMatters', `Round ${round}: plan ${i}, Megan's words. `);
      megan.type('reviews', `Round ${round} review. `, 0);
      sam.type('reviews', `Sam agrees (${round}). `);
    });
    await waitFor(() => writers.flat().every((c) => c.isSaved()), 'everything saved');
    await waitFor(() => writers.every(([sam, megan]) => sam.doc.getXmlFragment(sectionFieldName('reviews')).toString() === megan.doc.getXmlFragment(sectionFieldName('reviews')).toString()), 'convergence');
    return writers.map(([sam]) => sectionsOf(sam));
  }

  async function expectPlansHold(plans: PlanMeta[], expected: Record<string, string>[]): Promise<void> {
    for (const [i, plan] of plans.entries()) {
      const res = await fetch(`${server!.url}/api/plans/${plan.id}`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual(plan);
      const reader = client(plan.id, 'Reader', 'advocate');
      await waitForSync(reader);
      expect(sectionsOf(reader)).toEqual(expected[i]);
    }
  }

  it('every plan holds what was saved, across two restarts', async () => {
    const plans = [await createTestPlan(server!.url), await createTestPlan(server!.url, 'wales'), await createTestPlan(server!.url)];
    const first = await writeInPlans(plans, 1);
    expect(first[0]!.aboutMe).toContain("Round 1: plan 0, Sam's words.");

    await restart();
    await expectPlansHold(plans, first);

    const second = await writeInPlans(plans, 2);
    expect(second[2]!.whatMatters).toContain("Round 1: plan 2, Megan's words. Round 2: plan 2, Megan's words.");
    await restart();
    await expectPlansHold(plans, second);
  });

  it('a plan damaged while the server was down is refused on its own; the others open', async () => {
    const [damaged, healthy] = [await createTestPlan(server!.url), await createTestPlan(server!.url)];
    const before = await writeInPlans([damaged!, healthy!], 1);
    await server!.dispose();
    for (const c of clients.splice(0)) c.destroy();

    const stateFile = path.join(lowdbPlanDir(dataDir, damaged!.id), 'state.json');
    const original = await readFile(stateFile, 'utf8');
    const garbage = original.slice(0, Math.floor(original.length / 2)); // as if cut off mid-write
    await writeFile(stateFile, garbage);
    server = await startTestServer(dataDir);

    const reader = client(damaged!.id, 'Reader');
    await waitFor(() => reader.closes.length > 0, 'the damaged plan is refused');
    expect(reader.closes[0]!.code).toBe(CloseCode.planDamaged);
    const res = await fetch(`${server.url}/api/plans/${damaged!.id}`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: { id: 'planDamaged' } });

    await expectPlansHold([healthy!], [before[1]!]);
    // The damaged bytes were kept for whoever restores the plan, and it stays refused after another restart.
    const asideRoot = path.join(lowdbPlanDir(dataDir, damaged!.id), 'set-aside');
    const [folder] = await readdir(asideRoot);
    expect(await readFile(path.join(asideRoot, folder!, 'state.json'), 'utf8')).toBe(garbage);
    await restart();
    expect((await fetch(`${server!.url}/api/plans/${damaged!.id}`)).status).toBe(503);
    await expectPlansHold([healthy!], [before[1]!]);
  });
});
