'use client';
import dynamic from 'next/dynamic';

// The Recharts charts render in the browser only: on the server they cost render time on every
// request and draw nothing (ResponsiveContainer has no size there). The server still renders each
// chart's table, CSV link and caption, so the numbers are in the HTML; the skeleton keeps the layout.
function Skeleton({ height }: { height: string }) {
  return <div className={`${height} animate-pulse rounded-md bg-slate-50`} aria-hidden="true" />;
}

export const DormantChart = dynamic(() => import('./dormant-chart').then((m) => m.DormantChart), {
  ssr: false,
  loading: () => <Skeleton height="h-72" />,
});
export const ForgoneChart = dynamic(() => import('./forgone-chart').then((m) => m.ForgoneChart), {
  ssr: false,
  loading: () => <Skeleton height="h-72" />,
});
export const ForecastChart = dynamic(() => import('./forecast-chart').then((m) => m.ForecastChart), {
  ssr: false,
  loading: () => <Skeleton height="h-64" />,
});
export const WinbackChart = dynamic(() => import('./winback-chart').then((m) => m.WinbackChart), {
  ssr: false,
  loading: () => <Skeleton height="h-80" />,
});
export const FunnelChart = dynamic(() => import('./funnel-chart').then((m) => m.FunnelChart), {
  ssr: false,
  loading: () => <Skeleton height="h-64" />,
});
export const RejoinChart = dynamic(() => import('./rejoin-chart').then((m) => m.RejoinChart), {
  ssr: false,
  loading: () => <Skeleton height="h-64" />,
});
