import type { ReactNode } from 'react';

/**
 * A box that scrolls on its own (a wide table on a phone, a long list): a named region that takes
 * keyboard focus, so it can be scrolled without a mouse (WCAG 2.1.1; axe scrollable-region-focusable).
 */
export function ScrollRegion({ label, className, children }: { label: string; className: string; children: ReactNode }) {
  return (
    // relative: screen-reader-only text inside (absolutely positioned) stays within the scroller
    // instead of widening the page.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to be scrolled by keyboard
    <section tabIndex={0} aria-label={label} className={`relative ${className}`}>
      {children}
    </section>
  );
}
