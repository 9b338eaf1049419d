import Link from 'next/link';
import { BAND_LABEL, type RiskBand, type RiskFeatures, riskReasons } from '@/lib/domain/risk/model';

export type MemberRiskView = RiskFeatures & { score: number; band: RiskBand; scoredDay: string };

const BAND_STYLE: Record<RiskBand, string> = {
  high: 'bg-red-100 text-red-800',
  medium: 'bg-amber-100 text-amber-800',
  low: 'bg-emerald-100 text-emerald-800',
};

/** The member's latest at-risk score and, in words, the viewing it was worked out from. */
export function MemberRisk({ risk }: { risk: MemberRiskView }) {
  return (
    <section aria-labelledby="risk-h" className="mb-6 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="risk-h" className="font-semibold">
        Risk of going dormant
      </h2>
      <p className="mt-2 text-sm">
        <span className={`rounded px-2 py-0.5 font-medium ${BAND_STYLE[risk.band]}`}>{BAND_LABEL[risk.band]} risk</span> score{' '}
        <span className="font-semibold tabular-nums">{risk.score}</span> of 100, scored {risk.scoredDay}
      </p>
      <ul className="mt-2 list-disc pl-5 text-sm text-slate-700" aria-label="Why">
        {riskReasons(risk).map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      <p className="mt-2 text-xs text-slate-500">
        <Link href="/risk" className="underline">
          How the score is worked out
        </Link>
      </p>
    </section>
  );
}
