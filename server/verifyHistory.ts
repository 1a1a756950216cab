// `npm run verify-history -- <planId>`: checks a plan's history chain on disk (CYLCH_DATA_DIR, default ./data) and
// says whether it holds or where it first breaks. Exit code 0 when it holds, 1 when it does not, 2 for bad use.

import { ConfigError, parseConfig } from './config.js';
import { verifyChain } from './history/chain.js';
import { createLogger } from './log.js';
import { JournalHistoryStore } from './storage/lowdb/journalHistoryStore.js';
import { LowdbPlanStore } from './storage/lowdb/lowdbPlanStore.js';
import { PLAN_ID_PATTERN } from '../shared/schemas.js';

async function main(): Promise<number> {
  const planId = process.argv[2];
  if (!planId || !PLAN_ID_PATTERN.test(planId)) {
    process.stderr.write('Usage: npm run verify-history -- <planId>   (22 characters: letters, digits, - and _)\n');
    return 2;
  }
  let dataDir: string;
  try {
    dataDir = parseConfig(process.env).dataDir;
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    throw err;
  }
  const plans = await LowdbPlanStore.open(dataDir, createLogger('silent'));
  const known = await plans.getPlanMeta(planId).catch(() => 'damaged' as const);
  await plans.close();
  if (known === null) {
    process.stderr.write(`There is no plan ${planId} in ${dataDir}.\n`);
    return 2;
  }
  const store = JournalHistoryStore.forDataDir(dataDir);
  try {
    const check = verifyChain(await store.read(planId));
    if (check.ok) {
      process.stdout.write(`History of ${planId}: ${check.entries} entries; every link holds.\n`);
      return 0;
    }
    process.stdout.write(`History of ${planId}: BROKEN at entry ${check.firstBroken} of ${check.entries}: ${check.reason}\n`);
    return 1;
  } catch (err) {
    process.stdout.write(`History of ${planId}: cannot be read: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  },
);
