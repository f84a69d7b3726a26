import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';

export type Clock = () => Date;

const ClockContext = createContext<Clock>(() => new Date());

// Tests fix the time; the portal uses the system clock.
export function ClockProvider({ clock, children }: { clock: Clock; children: ReactNode }) {
  return <ClockContext.Provider value={clock}>{children}</ClockContext.Provider>;
}

export function useClock(): Clock {
  return useContext(ClockContext);
}

// "Now", moving on every minute: KPI queries ask again with it, so open pages keep up with the
// worker's figures (live subscriptions take over once the API offers them).
export function useNow(everyMs = 60_000): Date {
  const clock = useClock();
  const [now, setNow] = useState(clock);
  useEffect(() => {
    const timer = window.setInterval(() => setNow(clock()), everyMs);
    return () => window.clearInterval(timer);
  }, [clock, everyMs]);
  return now;
}
