// `npm run retention:purge`: anonymises cancelled members whose retention window has ended
// (email and display name set to NULL, purged_at set; rows and chart counts kept). Idempotent.
import { SYSTEM_ACTOR } from '@/db/audit';
import { getSqlite } from '@/db/client';
import { purgeExpired } from '@/db/retention';
import { now } from '@/lib/runtime/clock';
import { keepCheckpointing } from '@/lib/runtime/keeper';

keepCheckpointing();
const t0 = performance.now();
const { purged } = purgeExpired(getSqlite(), now(), SYSTEM_ACTOR);
console.log(`Anonymised ${purged} member(s) past their retention window in ${Math.round(performance.now() - t0)} ms.`);
