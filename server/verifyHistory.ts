// `npm run verify-history -- <planId> [<entry hash>]`: checks a plan's history chain on disk (CYLCH_DATA_DIR, default
// ./data) and says whether it holds or where it first breaks — and, given the hash of an entry handed out earlier
// (with a version, an agreement or an export), whether the chain still holds it. Exit code 0 when it holds, 1 when
// it does not, 2 for bad use.

import { ConfigError, parseConfig } from './config.js';
import { verifyRecord } from './history/historyOperations.js';
import { createLogger } from './log.js';
import { JournalHistoryStore } from './storage/lowdb/journalHistoryStore.js';
import { LowdbPlanStore } from './storage/lowdb/lowdbPlanStore.js';
import { PLAN_ID_PATTERN } from '../shared/schemas.js';

async function main(): Promise<number> {
  const planId = process.argv[2];
  const anchor = process.argv[3];
  if (!planId || !PLAN_ID_PATTERN.test(planId) || (anchor !== undefined && !/^[0-9a-f]{64}$/.test(anchor))) {
    process.stderr.write('Usage: npm run verify-history -- <planId> [<entry hash>]   (plan id: 22 characters; hash: 64 hex digits)\n');
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
    const check = verifyRecord(await store.read(planId), anchor);
    if (check.ok) {
      const held = check.anchor ? ` Entry ${check.anchor.seq} carries the hash you gave.` : '';
      process.stdout.write(`History of ${planId}: ${check.entries} entries; every link holds.${held}\n`);
      return 0;
    }
    const where = check.firstBroken === null ? '' : ` at entry ${check.firstBroken} of ${check.entries}`;
    process.stdout.write(`History of ${planId}: BROKEN${where}: ${check.reason}\n`);
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
