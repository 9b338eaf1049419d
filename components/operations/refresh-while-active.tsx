'use client';
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/** While a run is queued or running, re-renders the page every second so its progress moves. */
export function RefreshWhileActive({ active }: { active: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const t = setInterval(() => router.refresh(), 1000);
    return () => clearInterval(t);
  }, [active, router]);
  return null;
}
