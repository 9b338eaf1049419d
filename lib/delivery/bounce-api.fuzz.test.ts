import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { POST as postmark } from '@/app/api/bounces/postmark/route';
import { POST as generic } from '@/app/api/bounces/route';
import { POST as ses } from '@/app/api/bounces/ses/route';
import { resetConfigCache } from '@/lib/runtime/config';
import { getSqlite, snapshotDb } from '@/lib/testing/db';
import { seedSentCampaign } from '@/lib/testing/delivery/bounce-fixtures';

// Malformed bodies thrown at the three bounce receivers: never a crash or a 5xx, and nothing stored.

const KEY = 'bounce-fuzz-key';
beforeAll(() => {
  process.env.INGEST_API_KEY = KEY;
  resetConfigCache();
  seedSentCampaign(getSqlite(), { recipients: 2, sentAt: Date.now() - 86_400_000 });
});

const scalar = fc.oneof(fc.string({ maxLength: 40 }), fc.integer(), fc.constant(null), fc.boolean());
const bodies = fc.oneof(
  fc.string(),
  fc.json(),
  fc.record(
    { messageId: scalar, address: scalar, type: fc.oneof(scalar, fc.constantFrom('hard', 'soft', 'complaint')), time: scalar },
    { requiredKeys: [] },
  ),
  fc.record(
    { Type: fc.oneof(scalar, fc.constant('Notification')), TopicArn: scalar, Message: fc.oneof(scalar, fc.json()) },
    { requiredKeys: [] },
  ),
  fc.record(
    { RecordType: fc.oneof(scalar, fc.constant('Bounce')), Type: scalar, Email: scalar, BouncedAt: scalar },
    { requiredKeys: [] },
  ),
);

describe('bounce receivers under malformed input', () => {
  for (const [name, handler] of [
    ['generic', generic],
    ['ses', ses],
    ['postmark', postmark],
  ] as const)
    it(`${name}: answers with a 4xx (or 200, ignored) and changes nothing`, async () => {
      await fc.assert(
        fc.asyncProperty(bodies, async (b) => {
          const before = snapshotDb();
          const res = await handler(
            new Request(`http://localhost/api/bounces/${name}`, {
              method: 'POST',
              body: typeof b === 'string' ? b : JSON.stringify(b),
              headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
            }),
          );
          const text = await res.text();
          expect(res.status, text).toBeLessThan(500);
          if (res.status === 200) expect(text).not.toMatch(/"recorded":true/);
          expect(snapshotDb()).toBe(before);
        }),
        { numRuns: 120, seed: 17 },
      );
    });
});
