'use client';
import dynamic from 'next/dynamic';

// The Recharts charts render in the browser only: on the server they cost render time on every
// request and draw nothing (ResponsiveContainer has no size there). The server still renders each
// chart's title, CSV link and table disclosure; the skeleton keeps the layout.
// Each chart is drawn aria-hidden with Recharts' accessibilityLayer off: Recharts 3 otherwise makes
// the SVG focusable, and a focusable element inside aria-hidden reaches keyboards but not screen
// readers (axe aria-hidden-focus). The numbers table under each chart is the accessible data.

// One import for all six: a single chunk, fetched once however many charts the page shows.
const charts = () => import('./all');

function Skeleton({ height }: { height: string }) {
  return <div className={`${height} animate-pulse rounded-md bg-slate-50`} aria-hidden="true" />;
}

export const DormantChart = dynamic(() => charts().then((m) => m.DormantChart), {
  ssr: false,
  loading: () => <Skeleton height="h-72" />,
});
export const ForgoneChart = dynamic(() => charts().then((m) => m.ForgoneChart), {
  ssr: false,
  loading: () => <Skeleton height="h-72" />,
});
export const ForecastChart = dynamic(() => charts().then((m) => m.ForecastChart), {
  ssr: false,
  loading: () => <Skeleton height="h-64" />,
});
export const WinbackChart = dynamic(() => charts().then((m) => m.WinbackChart), {
  ssr: false,
  loading: () => <Skeleton height="h-80" />,
});
export const FunnelChart = dynamic(() => charts().then((m) => m.FunnelChart), {
  ssr: false,
  loading: () => <Skeleton height="h-64" />,
});
export const RejoinChart = dynamic(() => charts().then((m) => m.RejoinChart), {
  ssr: false,
  loading: () => <Skeleton height="h-64" />,
});
