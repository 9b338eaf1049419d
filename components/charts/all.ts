// Every overview chart in one module, so the browser loads the chart code (and Recharts) as one
// chunk once, instead of six dynamic imports each waiting on its own chunk.
export { DormantChart } from './dormant-chart';
export { ForecastChart } from './forecast-chart';
export { ForgoneChart } from './forgone-chart';
export { FunnelChart } from './funnel-chart';
export { RejoinChart } from './rejoin-chart';
export { WinbackChart } from './winback-chart';
