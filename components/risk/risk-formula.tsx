import { BAND_FROM, COEFFICIENTS, DEFAULT_GAP_DAYS } from '@/lib/domain/risk/model';

const signed = (n: number) => (n < 0 ? `− ${Math.abs(n)}` : `+ ${n}`);

/** The score's formula with its coefficients, as the scoring runs it. */
export function RiskFormula() {
  const c = COEFFICIENTS;
  return (
    <section aria-labelledby="formula-h" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="formula-h" className="text-lg font-semibold">
        How the score is worked out
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Every active member is scored each day from their own viewing, using only views before that day. A fixed formula, so each
        score can be checked by hand from the reasons on the member's page.
      </p>
      <p className="mt-3 rounded bg-slate-50 p-3 font-mono text-sm" data-testid="risk-formula">
        z = {c.intercept} {signed(c.overdue)} × ln(1 + days since last view ÷ usual gap) {signed(c.slowdown)} × ln((views in the
        90 days before those + 1) ÷ (views in the last 90 days + 1)) {signed(c.tenure)} × ln(1 + years a member)
        <br />
        score = 100 ÷ (1 + e<sup>−z</sup>), rounded
      </p>
      <ul className="mt-3 list-disc space-y-1 pl-5 text-sm text-slate-700">
        <li>
          <strong>Usual gap</strong>: (last view − first view) ÷ (views − 1), in whole days; {DEFAULT_GAP_DAYS} days when the
          member has fewer than two views. A member who never watched counts the days since joining.
        </li>
        <li>
          <strong>Bands</strong>: high from {BAND_FROM.high}, medium from {BAND_FROM.medium}, low below. Dormant, cancelled and
          contacted members are not scored: they are already counted as dormant.
        </li>
      </ul>
    </section>
  );
}
