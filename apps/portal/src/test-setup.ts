import { cleanup, configure } from '@testing-library/react';

// findBy/waitFor give up after 1 s by default; a lazily loaded chart or dialog transition takes
// longer than that when a 2-core CI runner is busy, and a false failure teaches people to rerun.
configure({ asyncUtilTimeout: 5_000 });

// What Mantine and ECharts expect of a browser and jsdom does not have.
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: (query: string): MediaQueryList =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }) as MediaQueryList,
});

class NoResizeObserver implements ResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
window.ResizeObserver = NoResizeObserver;
// There is no API in unit tests: subscriptions (graphql-ws) wait for a connection that never
// opens, as in a browser on a slow network, instead of failing against jsdom's real WebSocket.
class NeverOpenWebSocket extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  readyState = 0;
  protocol = '';
  onopen = null;
  onclose = null;
  onerror = null;
  onmessage = null;
  send(): void {}
  close(): void {
    this.readyState = 3;
  }
}
window.WebSocket = NeverOpenWebSocket as unknown as typeof WebSocket;
Element.prototype.scrollIntoView = function scrollIntoView(): void {};

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});
