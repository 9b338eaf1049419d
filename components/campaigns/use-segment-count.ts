'use client';
import { type RefObject, useCallback, useEffect, useRef, useState } from 'react';
import type { ActionState } from '@/lib/runtime/action';

export type CountAction = (prev: undefined, fd: FormData) => Promise<ActionState<{ count: number }>>;
export type SegmentCount = { n: number | null; busy: boolean; error?: string };

/** Segment filter fields whose change asks for a new count. */
const SEGMENT_FIELD = /^(countries|plans|languages|reasons|riskBands)\[\]$|^(minMonthsDormant|priceCurrency|minPrice|maxPrice)$/;

/**
 * The segment builder's live count: `onFieldChange(name)` asks the server again 250 ms after the
 * last change of a segment filter, with the form's current fields.
 */
export function useSegmentCount(
  countAction: CountAction,
  initialCount: number | null,
  formRef: RefObject<HTMLFormElement | null>,
) {
  const [count, setCount] = useState<SegmentCount>({ n: initialCount, busy: false });
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  const recount = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      if (!formRef.current) return;
      setCount((c) => ({ ...c, busy: true }));
      const r = await countAction(undefined, new FormData(formRef.current));
      setCount(r.ok && r.data ? { n: r.data.count, busy: false } : { n: null, busy: false, error: r.message });
    }, 250);
  }, [countAction, formRef]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const onFieldChange = useCallback(
    (name: string) => {
      if (SEGMENT_FIELD.test(name)) recount();
    },
    [recount],
  );
  return { count, onFieldChange };
}
