import { redirect } from 'next/navigation';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { AppShell } from '@/components/shell/app-shell';
import { currentStaff } from '@/lib/auth/session';

export default async function SignedInLayout({ children }: { children: ReactNode }) {
  await connection();
  const staff = await currentStaff();
  if (!staff) redirect('/login');
  return <AppShell staff={staff}>{children}</AppShell>;
}
