/**
 * Small screens (1366×768 office laptops): what a page needs to know to fit one. A toolbar
 * measures its own width; the grids read the window's height.
 */
import { useEffect, useState, type RefObject } from 'react';

/** True while the element is narrower than `width` px: its toolbar then puts its rarer buttons in 更多. */
export function useNarrow(ref: RefObject<HTMLElement | null>, width: number): boolean {
  const [narrow, setNarrow] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setNarrow(el.clientWidth < width));
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, width]);
  return narrow;
}

/** A window no taller than a 768-line screen's (with the taskbar and title bar, ~860 is the most it gets). */
const shortQuery = '(max-height: 860px)';

/** True on a short window: grids use denser rows so at least 20 show at 1366×768. */
export function useShortWindow(): boolean {
  const [short, setShort] = useState(() => window.matchMedia(shortQuery).matches);
  useEffect(() => {
    const m = window.matchMedia(shortQuery);
    const change = () => setShort(m.matches);
    m.addEventListener('change', change);
    return () => m.removeEventListener('change', change);
  }, []);
  return short;
}

/** Row height of a grid on a short window (Excel's own rows are ~20 px; 26 keeps Chinese legible). */
export const shortRowHeight = 26;
