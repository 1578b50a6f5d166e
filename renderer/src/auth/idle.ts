/**
 * The window's idle time: the last key, click, wheel or mouse move anywhere in it. Listened
 * to while capturing, so a grid that stops a key's propagation still counts as use.
 */
import { useEffect, useRef } from 'react';

const activity = ['keydown', 'mousedown', 'mousemove', 'wheel', 'pointerdown', 'touchstart'] as const;

/** Calls `onIdle` once `ms` pass without use; nothing while `ms` is null or 0. */
export function useIdle(ms: number | null, onIdle: () => void): void {
  const callback = useRef(onIdle);
  callback.current = onIdle;
  useEffect(() => {
    if (!ms) return;
    let last = Date.now();
    const seen = () => {
      last = Date.now();
    };
    for (const name of activity) window.addEventListener(name, seen, { capture: true, passive: true });
    // A clock read every few seconds, not a timer reset on every mouse move: moves are many, checks are cheap.
    const timer = window.setInterval(() => {
      if (Date.now() - last >= ms) callback.current();
    }, Math.min(5000, ms));
    return () => {
      window.clearInterval(timer);
      for (const name of activity) window.removeEventListener(name, seen, { capture: true });
    };
  }, [ms]);
}
