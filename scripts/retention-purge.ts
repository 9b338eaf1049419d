// `npm run retention:purge`: anonymises cancelled members whose retention window has ended
// (email and display name set to NULL, purged_at set, their messages erased; rows and chart counts
// kept). Idempotent.
import { SYSTEM_ACTOR } from '@/db/audit';
import { getSqlite } from '@/db/client';
import { runUnitOfWork } from '@/db/unit-of-work';
import { purgeExpired } from '@/lib/batches/retention';
import { now } from '@/lib/runtime/clock';
import { keepCheckpointing } from '@/lib/runtime/keeper';

keepCheckpointing();
const t0 = performance.now();
const { purged, messagesErased } = runUnitOfWork(getSqlite(), SYSTEM_ACTOR, now(), (uow) => purgeExpired(uow));
console.log(
  `Anonymised ${purged} member(s) past their retention window and erased ${messagesErased} message(s) in ${Math.round(performance.now() - t0)} ms.`,
);
