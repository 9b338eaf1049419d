import { z } from 'zod';
import { requireRoute } from '@/lib/auth/session';
import { filtersToSearch } from '@/lib/domain/metrics/filters';
import { toCsv } from '@/lib/domain/metrics/table';
import { CHART_PART, CHARTS, chartTable } from '@/lib/overview/charts';
import { overviewFor } from '@/lib/overview/overview';

/** GET /overview/csv/<chart>?<the overview's filters>: the chart's numbers, exactly as its table shows them. */
export async function GET(request: Request, { params }: { params: Promise<{ chart: string }> }) {
  const staff = await requireRoute('overview.view');
  if (staff instanceof Response) return staff;
  const chart = z.enum(CHARTS).safeParse((await params).chart);
  if (!chart.success) return Response.json({ error: `Unknown chart. Use one of: ${CHARTS.join(', ')}.` }, { status: 404 });
  const raw = Object.fromEntries(new URL(request.url).searchParams.entries());
  const { filters, model } = await overviewFor(raw);
  const part = CHART_PART[chart.data];
  if (part && model.preparing.parts.includes(part))
    return Response.json(
      { error: 'These figures are being prepared; try again in a moment.' },
      { status: 503, headers: { 'Retry-After': '10', 'Cache-Control': 'no-store' } },
    );
  const name = `rekindle-${chart.data}-${filters.from}-to-${filters.to}${filters.country ? `-${filters.country}` : ''}${filters.plan ? `-${filters.plan}` : ''}.csv`;
  return new Response(toCsv(chartTable(model, chart.data)), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${name}"`,
      'Cache-Control': 'private, no-store',
      'X-Rekindle-Filters': filtersToSearch(filters),
    },
  });
}
