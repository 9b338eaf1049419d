import { usdCompact, usdFull } from '@/components/charts/format';

/** Large amounts read at a glance in compact form ($933.8K); the exact amount stays one hover or one read away. */
export function Usd({ minor }: { minor: number }) {
  if (Math.abs(minor) < 10_000_000) return <>{usdFull(minor)}</>;
  return (
    <span title={usdFull(minor)}>
      {usdCompact(minor)}
      <span className="sr-only"> (exactly {usdFull(minor)})</span>
    </span>
  );
}
