import { BAND_LABEL, type RiskBand } from '@/lib/domain/risk/model';

export type BacktestView = {
  bands: { band: RiskBand; members: number; became: number; rate: number | null }[];
  total: { members: number; became: number; rate: number | null };
  auc: number | null;
  scoredDay: string;
  outcomeDay: string;
};

const count = new Intl.NumberFormat('en');
const pct = (r: number | null) => (r === null ? '—' : `${(100 * r).toFixed(1)}%`);

/** Members by the band they were scored in on the scoring day, and how many became dormant or were cancelled by the outcome day. */
export function BacktestTable({ b }: { b: BacktestView }) {
  return (
    <section aria-labelledby="backtest-h" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="backtest-h" className="text-lg font-semibold">
        Backtest: scored on {b.scoredDay}, outcome on {b.outcomeDay}
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Members active on {b.scoredDay} were scored from their views before that day only; the table counts who then became
        dormant (under the current policy) or was cancelled by {b.outcomeDay}. It reads every member’s history, so the daily cycle
        re-runs it weekly (or when the policy changes), not every day: these counts are as of {b.outcomeDay}.
      </p>
      <p className="mt-3 text-sm">
        <span className="font-medium">AUC</span>{' '}
        <span className="text-xl font-semibold" data-testid="risk-auc">
          {b.auc === null ? 'not enough outcomes yet' : b.auc.toFixed(3)}
        </span>{' '}
        <span className="text-slate-600">
          (the chance that a member who became dormant had scored above one who did not; 0.5 is a coin toss)
        </span>
      </p>
      <table className="mt-4 w-full text-sm">
        <caption className="sr-only">Backtest by band</caption>
        <thead>
          <tr className="border-b border-slate-200 text-left">
            <th scope="col" className="py-2">
              Band
            </th>
            <th scope="col" className="py-2 text-right">
              Members
            </th>
            <th scope="col" className="py-2 text-right">
              Became dormant or cancelled
            </th>
            <th scope="col" className="py-2 text-right">
              Rate
            </th>
          </tr>
        </thead>
        <tbody>
          {b.bands.map((r) => (
            <tr key={r.band} className="border-b border-slate-100">
              <th scope="row" className="py-2 text-left font-medium">
                {BAND_LABEL[r.band]}
              </th>
              <td className="py-2 text-right tabular-nums">{count.format(r.members)}</td>
              <td className="py-2 text-right tabular-nums">{count.format(r.became)}</td>
              <td className="py-2 text-right tabular-nums">{pct(r.rate)}</td>
            </tr>
          ))}
          <tr>
            <th scope="row" className="py-2 text-left font-semibold">
              All
            </th>
            <td className="py-2 text-right font-semibold tabular-nums">{count.format(b.total.members)}</td>
            <td className="py-2 text-right font-semibold tabular-nums">{count.format(b.total.became)}</td>
            <td className="py-2 text-right font-semibold tabular-nums">{pct(b.total.rate)}</td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}
