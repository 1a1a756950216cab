// Review dates as the plan's structured part (issue 5): only real calendar days are stored, and "My plans" says when
// each plan is next due a review — its next (or first) review, or the direct payment's review if that comes sooner.
// Real server on port 0, temporary data directory, real y-websocket providers.

import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/closeCodes.js';
import { myPlansAnswerSchema } from '../../shared/schemas.js';
import { createTestPlan, type TestMember, useTestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

const REVIEWS = 'data:reviews';

describe('review dates', () => {
  const env = useTestServer();
  const { connect } = env;
  const myPlans = async (member: TestMember) =>
    myPlansAnswerSchema.parse(await (await fetch(`${env.server.url}/api/plans`, { headers: { cookie: member.cookie } })).json()).plans;

  it('"My plans" gives each plan’s next review, open or closed', async () => {
    const plan = await createTestPlan(env.server, 'england', 'Sam');
    expect((await myPlans(plan.owner))[0]!.nextReview).toBeNull();
    const sam = await connect(plan.id, plan.owner);
    sam.doc.transact(() => {
      const reviews = sam.doc.getMap(REVIEWS);
      reviews.set('agreedOn', '2026-03-03');
      reviews.set('firstReview', '2026-04-14');
      reviews.set('nextReview', '2027-04-14');
    });
    await waitFor(() => sam.isSaved(), 'saved');
    // The next review is set, so it is the one due (the first has its own field, and happened).
    expect((await myPlans(plan.owner))[0]!.nextReview).toBe('2027-04-14');
    // A direct payment review sooner than that is what is due.
    sam.doc.getMap(REVIEWS).set('directPaymentReview', '2026-09-03');
    await waitFor(() => sam.isSaved(), 'saved');
    sam.destroy();
    await waitFor(() => env.server.rooms.openRoom(plan.id) === undefined, 'the plan to close');
    expect((await myPlans(plan.owner))[0]!.nextReview).toBe('2026-09-03');
  });

  it('stores only real calendar days', async () => {
    const plan = await createTestPlan(env.server, 'england', 'Sam');
    for (const bad of ['2026-02-30', '3 March', '2026-3-3', 20260303]) {
      const rogue = await connect(plan.id, plan.owner);
      rogue.doc.getMap(REVIEWS).set('firstReview', bad);
      await waitFor(() => rogue.closes.length > 0, `the server to refuse ${JSON.stringify(bad)}`);
      expect(rogue.closes[0]!.code).toBe(CloseCode.malformedMessage);
      rogue.destroy();
    }
    expect((await myPlans(plan.owner))[0]!.nextReview).toBeNull();
  });
});
