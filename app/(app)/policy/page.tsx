import { z } from 'zod';
import { PolicyForm } from '@/components/policy/policy-form';
import { ScanButton } from '@/components/policy/scan-button';
import { ScanRuns } from '@/components/policy/scan-runs';
import { VersionHistory } from '@/components/policy/version-history';
import { PageHeader } from '@/components/shell/page-header';
import { getDb } from '@/db/client';
import { recentScans } from '@/db/dormancy-jobs';
import { latestDailyCounts } from '@/db/dormancy-reads';
import { findCurrentPolicy, listPolicyVersions } from '@/db/policy';
import { DEFAULT_POLICY } from '@/db/seed/policy';
import { requirePage } from '@/lib/auth/session';
import type { PolicyValues } from '@/lib/domain/dormancy';
import { can } from '@/lib/domain/roles';

export const metadata = { title: 'Dormancy policy' };

const KEYS = ['neverWatchedDays', 'inactiveDays', 'responseDays', 'retentionDays'] as const;
const dayParam = z.coerce.number().int().min(1).max(3650);

/** Values from a what-if link (`/policy?neverWatchedDays=400&inactiveDays=600`); bad ones are ignored. */
function fromSearch(sp: Record<string, string | string[] | undefined>) {
  const out: Partial<PolicyValues> = {};
  for (const k of KEYS) {
    const p = dayParam.safeParse(sp[k]);
    if (p.success) out[k] = p.data;
  }
  return out;
}

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await requirePage('policy.view');
  const db = getDb();
  const current = findCurrentPolicy(db);
  const versions = listPolicyVersions(db);
  const runs = recentScans(db, 8);
  const daily = latestDailyCounts(db);
  const scenario = fromSearch(await searchParams);
  const fromUrl = Object.keys(scenario).length > 0;
  const base: PolicyValues = current ?? DEFAULT_POLICY;
  const canEdit = can(staff.role, 'policy.edit');
  const total = Object.values(daily.byReason).reduce((a, b) => a + b, 0);

  return (
    <>
      <PageHeader
        title="Dormancy policy"
        description="When a paying member counts as dormant, how long they have to answer a last-chance message, and how long data is kept after cancellation. Every save is a new version; campaigns and batches record the version they used."
      />
      <div className="space-y-8">
        <section aria-labelledby="current-h" className="rounded-lg border border-slate-200 bg-white p-5">
          <h2 id="current-h" className="text-lg font-semibold">
            {current ? `Current policy: version ${current.id}` : 'No policy saved yet (defaults shown)'}
          </h2>
          {current ? (
            <p className="text-sm text-slate-600">
              Saved by {current.createdBy} on {new Date(current.createdAt).toISOString().replace('T', ' ').slice(0, 16)} UTC
            </p>
          ) : null}
          <dl className="mt-3 grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
            <Value label="Never watched after joining" days={base.neverWatchedDays} />
            <Value label="Inactive since last view" days={base.inactiveDays} />
            <Value label="Response window" days={base.responseDays} />
            <Value label="Retention after cancellation" days={base.retentionDays} />
          </dl>
          <p className="mt-3 text-sm text-slate-700">
            {daily.day
              ? `Dormant on ${daily.day} (last scan): ${total.toLocaleString('en')} — never watched ${(daily.byReason.never_watched ?? 0).toLocaleString('en')}, inactive ${(daily.byReason.inactive ?? 0).toLocaleString('en')}.`
              : 'No dormancy scan has run yet.'}
          </p>
        </section>

        {canEdit ? (
          <section aria-labelledby="edit-h" className="rounded-lg border border-slate-200 bg-white p-5">
            <h2 id="edit-h" className="mb-3 text-lg font-semibold">
              Change the policy
            </h2>
            <PolicyForm defaults={{ ...base, ...scenario }} fromUrl={fromUrl} />
          </section>
        ) : fromUrl ? (
          <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
            This link proposes{' '}
            {KEYS.filter((k) => scenario[k] !== undefined)
              .map((k) => `${k} = ${scenario[k]} days`)
              .join(', ')}
            . Only an admin can save it as a new version.
          </p>
        ) : null}

        <section aria-labelledby="scan-h" className="rounded-lg border border-slate-200 bg-white p-5">
          <h2 id="scan-h" className="mb-1 text-lg font-semibold">
            Dormancy scan
          </h2>
          <p className="mb-3 text-sm text-slate-600">
            Reclassifies every member under the current policy and writes the day&apos;s dormant counts. It runs daily (
            <code>npm run dormancy:scan</code>); members who watch are made active at once, without waiting for it.
          </p>
          <ScanButton canRun={can(staff.role, 'dormancy.scan')} running={runs.some((r) => r.status === 'running')} />
          <ScanRuns runs={runs} />
        </section>

        <section aria-labelledby="history-h" className="rounded-lg border border-slate-200 bg-white p-5">
          <h2 id="history-h" className="mb-3 text-lg font-semibold">
            Version history
          </h2>
          <VersionHistory versions={versions} />
        </section>
      </div>
    </>
  );
}

function Value({ label, days }: { label: string; days: number }) {
  return (
    <div>
      <dt className="text-slate-500">{label}</dt>
      <dd className="text-xl font-semibold tabular-nums">{days.toLocaleString('en')} days</dd>
    </div>
  );
}
