/**
 * Small screens (1366×768 office laptops): what a page needs to know to fit one. A toolbar
 * measures its own width; the grids read the window's height.
 */
import { useEffect, useState, type RefObject } from 'react';

/** The element's width in px as it changes (0 before it is laid out). */
export function useWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

/**
 * How many of a toolbar's rarer buttons go into its 更多 menu: `fits[i]` is the width the toolbar
 * needs with i of them folded (measured in Chromium, with fonts as on office PCs).
 */
export function folded(width: number, fits: readonly number[]): number {
  if (width === 0) return 0;
  const i = fits.findIndex((need) => width >= need);
  return i === -1 ? fits.length : i;
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
