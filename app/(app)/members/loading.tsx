import { PageSkeleton } from '@/components/ui/page-skeleton';

export default function Loading() {
  return <PageSkeleton label="Loading members…" titleWidth="w-40" summaryClassName="mb-4 h-20" rows={12} />;
}
