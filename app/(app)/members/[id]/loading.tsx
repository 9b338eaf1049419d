import { PageSkeleton } from '@/components/ui/page-skeleton';

export default function Loading() {
  return <PageSkeleton label="Loading member…" titleWidth="w-64" summaryClassName="mb-6 h-28" rows={8} />;
}
