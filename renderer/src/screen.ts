/**
 * Small screens (1366×768 office laptops): what a page needs to know to fit one. A toolbar
 * measures what its items need; the grids read the window's height.
 */
import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';

/**
 * How many of a toolbar's rarer items go into its 更多 menu, measured in the window rather than
 * guessed: fonts differ between office PCs, and a view's name widens the 视图 button.
 * Items carry `data-fold={rank}` (rank 1 folds first; several items may share a rank) and the
 * 更多 button `data-fold-more`. Each is measured while shown and its width remembered, so what the
 * toolbar needs at every fold is known while some are folded; the least fold that fits one line wins.
 */
export function useFold(ref: RefObject<HTMLElement | null>, max: number): number {
  const [fold, setFold] = useState(0);
  const widths = useRef(new Map<number, number>());
  const more = useRef(80);
  useLayoutEffect(() => {
    const bar = ref.current;
    if (!bar) return;
    const measure = () => {
      const gap = parseFloat(getComputedStyle(bar).columnGap) || 0;
      // An item's share of the line: its width, and the gap after it when it stands alone on the bar
      // (possibly wrapped, as a tooltip wraps a disabled button), not when it is a part of a group.
      const share = (el: Element) => {
        let item = el;
        while (item.parentElement && item.parentElement !== bar) item = item.parentElement;
        const width = el.getBoundingClientRect().width;
        return width + (Math.abs(item.getBoundingClientRect().width - width) < 1 ? gap : 0);
      };
      const shown = new Map<number, number>();
      for (const item of bar.querySelectorAll<HTMLElement>('[data-fold]')) {
        const rank = Number(item.dataset.fold);
        shown.set(rank, (shown.get(rank) ?? 0) + share(item));
      }
      for (const [rank, width] of shown) widths.current.set(rank, width);
      const moreButton = bar.querySelector('[data-fold-more]');
      if (moreButton) more.current = share(moreButton);
      const used = [...bar.children].reduce((sum, el) => sum + share(el), 0);
      // What never folds: the line as drawn, less what may.
      const fixed = used - [...shown.values()].reduce((a, b) => a + b, 0) - (moreButton ? more.current : 0);
      const need = (n: number) => fixed + (n > 0 ? more.current : 0) + [...widths.current].filter(([rank]) => rank > n).reduce((sum, [, w]) => sum + w, 0);
      let next = 0;
      while (next < max && need(next) > bar.clientWidth + gap) next++;
      setFold(next);
    };
    // The bar resized, an item resized (a view's name, a font loaded), or items came and went (a fold).
    const sizes = new ResizeObserver(measure);
    const watch = () => {
      sizes.disconnect();
      sizes.observe(bar);
      for (const el of bar.children) sizes.observe(el);
    };
    const items = new MutationObserver(watch);
    items.observe(bar, { childList: true });
    watch();
    return () => {
      sizes.disconnect();
      items.disconnect();
    };
  }, [ref, max]);
  return fold;
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
