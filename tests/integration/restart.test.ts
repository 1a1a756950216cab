// Everything that was reported saved is there after the server restarts on the same data directory, in every
// plan; a plan whose files were damaged while it was down is refused on its own, and the others open.

import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/closeCodes.js';
import { sectionFieldName } from '../../shared/protocol.js';
import { SECTION_IDS } from '../../shared/sections.js';
import type { PlanMeta } from '../../shared/schemas.js';
import {
  addTestMember,
  connectClient,
  createTestPlan,
  makeDataDir,
  startTestServer,
  waitFor,
  waitForSync,
  type TestClient,
  type TestMember,
} from '../helpers/server.js';
import { lowdbPlanDir } from '../helpers/stores.js';

type Server = Awaited<ReturnType<typeof startTestServer>>;

/** A plan and its circle: Sam (the person), Megan (family) and a reader (an advocate who may only view). */
interface TestPlan {
  meta: PlanMeta;
  sam: TestMember;
  megan: TestMember;
  reader: TestMember;
}

/** Every section of a plan, as XML, as one client has it. */
const sectionsOf = (c: TestClient) => Object.fromEntries(SECTION_IDS.map((id) => [id, c.doc.getXmlFragment(sectionFieldName(id)).toString()]));

describe('restart', () => {
  let dataDir: string;
  let server: Server | null = null;
  const clients: TestClient[] = [];
  const client = (planId: string, member: TestMember) => {
    const c = connectClient(server!.url, planId, member);
    clients.push(c);
    return c;
  };
  /** Accounts, sessions and circles are kept in the data directory too: everyone is still signed in after a restart. */
  const newPlan = async (jurisdiction: 'england' | 'wales' = 'england'): Promise<TestPlan> => {
    const { owner, ...meta } = await createTestPlan(server!, jurisdiction, 'Sam');
    const megan = await addTestMember(server!, { id: meta.id, owner }, { name: 'Megan', role: 'family' });
    const reader = await addTestMember(server!, { id: meta.id, owner }, { name: 'Reader', role: 'advocate', level: 'view' });
    return { meta, sam: owner, megan, reader };
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

  /** Two people write in each plan (each in a section they may edit, and both in one); returns each plan's sections
   * once everything is saved. */
  async function writeInPlans(plans: TestPlan[], round: number): Promise<Record<string, string>[]> {
    const writers = plans.map((plan) => [client(plan.meta.id, plan.sam), client(plan.meta.id, plan.megan)] as const);
    await Promise.all(writers.flat().map(waitForSync));
    writers.forEach(([sam, megan], i) => {
      sam.type('aboutMe', `Round ${round}: plan ${i}, Sam's words. `);
      megan.type('howNeedsMet', `Round ${round}: plan ${i}, Megan's words. `);
      megan.type('reviews', `Round ${round} review. `, 0);
      sam.type('reviews', `Sam agrees (${round}). `);
    });
    await waitFor(() => writers.flat().every((c) => c.isSaved()), 'everything saved');
    await waitFor(() => writers.every(([sam, megan]) => sam.doc.getXmlFragment(sectionFieldName('reviews')).toString() === megan.doc.getXmlFragment(sectionFieldName('reviews')).toString()), 'convergence');
    return writers.map(([sam]) => sectionsOf(sam));
  }

  async function expectPlansHold(plans: TestPlan[], expected: Record<string, string>[]): Promise<void> {
    for (const [i, plan] of plans.entries()) {
      const res = await fetch(`${server!.url}/api/plans/${plan.meta.id}`, { headers: { cookie: plan.reader.cookie } });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual(plan.meta);
      const reader = client(plan.meta.id, plan.reader);
      await waitForSync(reader);
      expect(sectionsOf(reader)).toEqual(expected[i]);
    }
  }

  it('every plan holds what was saved, across two restarts', async () => {
    const plans = [await newPlan(), await newPlan('wales'), await newPlan()];
    const first = await writeInPlans(plans, 1);
    expect(first[0]!.aboutMe).toContain("Round 1: plan 0, Sam's words.");

    await restart();
    await expectPlansHold(plans, first);

    const second = await writeInPlans(plans, 2);
    expect(second[2]!.howNeedsMet).toContain("Round 1: plan 2, Megan's words. Round 2: plan 2, Megan's words.");
    await restart();
    await expectPlansHold(plans, second);
  });

  it('a plan damaged while the server was down is refused on its own; the others open', async () => {
    const [damaged, healthy] = [await newPlan(), await newPlan()];
    const before = await writeInPlans([damaged!, healthy!], 1);
    await server!.dispose();
    for (const c of clients.splice(0)) c.destroy();

    const stateFile = path.join(lowdbPlanDir(dataDir, damaged!.meta.id), 'state.json');
    const original = await readFile(stateFile, 'utf8');
    const garbage = original.slice(0, Math.floor(original.length / 2)); // as if cut off mid-write
    await writeFile(stateFile, garbage);
    server = await startTestServer(dataDir);

    const reader = client(damaged!.meta.id, damaged!.megan);
    await waitFor(() => reader.closes.length > 0, 'the damaged plan is refused');
    expect(reader.closes[0]!.code).toBe(CloseCode.planDamaged);
    const res = await fetch(`${server.url}/api/plans/${damaged!.meta.id}`, { headers: { cookie: damaged!.megan.cookie } });
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: { id: 'planDamaged' } });

    await expectPlansHold([healthy!], [before[1]!]);
    // The damaged bytes were kept for whoever restores the plan, and it stays refused after another restart.
    const asideRoot = path.join(lowdbPlanDir(dataDir, damaged!.meta.id), 'set-aside');
    const [folder] = await readdir(asideRoot);
    expect(await readFile(path.join(asideRoot, folder!, 'state.json'), 'utf8')).toBe(garbage);
    await restart();
    expect((await fetch(`${server!.url}/api/plans/${damaged!.meta.id}`, { headers: { cookie: damaged!.megan.cookie } })).status).toBe(503);
    await expectPlansHold([healthy!], [before[1]!]);
  });
});
