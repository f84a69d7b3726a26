import { Title } from '@mantine/core';
import { useEffect, useRef } from 'react';

// Each page's h1: it names the document, and takes focus after a navigation so a screen reader
// announces the new page (not on the first load, where the browser's own focus is right).
let firstPage = true;

export function PageTitle({ children }: { children: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${children} · Convergent`;
  }, [children]);
  useEffect(() => {
    if (firstPage) {
      firstPage = false;
      return;
    }
    ref.current?.focus();
  }, []);
  return (
    <Title order={1} ref={ref} tabIndex={-1} style={{ outline: 'none' }}>
      {children}
    </Title>
  );
}
