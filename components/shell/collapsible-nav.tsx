'use client';
import { usePathname } from 'next/navigation';
import { type ReactNode, useState } from 'react';

/**
 * The sidebar's navigation and account panel. Below `md` it folds behind a menu button in the top
 * bar, so a phone shows the page, not a 224 px column; it folds again after each navigation (the
 * menu is open only on the path where it was opened).
 */
export function CollapsibleNav({ children }: { children: ReactNode }) {
  const path = usePathname();
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === path;
  return (
    <>
      <button
        type="button"
        aria-expanded={open}
        aria-controls="app-menu"
        onClick={() => setOpenOn(open ? null : path)}
        className="absolute right-4 top-3.5 rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 md:hidden"
      >
        Menu
      </button>
      <div id="app-menu" className={`${open ? 'flex' : 'hidden'} flex-1 flex-col md:flex`}>
        {children}
      </div>
    </>
  );
}
