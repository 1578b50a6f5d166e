/**
 * The year a page of records works in: the latest year the ledger has at first (this year when it
 * has none), and the years offered: the ledger's and this year, newest first. One hook, so every
 * page starts in the same year and offers the same list.
 */
import { useEffect, useMemo, useState } from 'react';
import { useCall } from './api/context.tsx';

export interface WorkYear {
  /** Null until the ledger's years are read. */
  year: number | null;
  setYear: (y: number) => void;
  /** The ledger's years. */
  ledgerYears: number[];
  yearOptions: { value: number; label: string }[];
}

export function useWorkYear(): WorkYear {
  const years = useCall('ledger.years', {});
  const [year, setYear] = useState<number | null>(null);
  useEffect(() => {
    if (year === null && years.data) setYear(years.data[0] ?? new Date().getFullYear());
  }, [years.data, year]);
  const ledgerYears = useMemo(() => years.data ?? [], [years.data]);
  const yearOptions = useMemo(
    () => [...new Set([...ledgerYears, new Date().getFullYear()])].sort((a, b) => b - a).map((y) => ({ value: y, label: `${y} 年` })),
    [ledgerYears],
  );
  return { year, setYear, ledgerYears, yearOptions };
}
