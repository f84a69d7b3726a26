import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { cacheExchange, Client, fetchExchange, subscriptionExchange } from 'urql';
import type { SessionManager } from '../session/session';
import { createAuthFetch } from './auth-fetch';

// Same origin as the page: Vite proxies /graphql in development and the API serves the portal in
// production, so the token never goes to another origin.
function webSocketUrl(location: Location): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/graphql`;
}

export interface PortalClient {
  urql: Client;
  dispose(): void;
}

// Waits before the nth attempt to reconnect: doubling from 1 s to at most 30 s, spread by up to a
// second so a restarted API is not hit by every open portal at once.
export function reconnectDelayMs(retries: number, random: () => number = Math.random): number {
  return Math.min(1000 * 2 ** retries, 30_000) + Math.floor(random() * 1000);
}

type Listener = () => void;
const reconnectListeners = new WeakMap<Client, Set<Listener>>();

// Calls back each time the client's live connection comes back after it was lost: events sent
// in between are gone, so a page asks the API again instead.
export function onReconnect(client: Client, listener: Listener): () => void {
  const listeners = reconnectListeners.get(client);
  listeners?.add(listener);
  return () => listeners?.delete(listener);
}

// Queries and mutations over HTTP with the session's token; subscriptions over graphql-ws,
// connecting only when a page subscribes (lazy) and authenticating with the token at that moment.
export function createPortalClient(
  session: SessionManager,
  location: Location = window.location,
): PortalClient {
  let ws: WsClient | null = null;
  const reconnected = new Set<Listener>();
  const wsClient = (): WsClient =>
    (ws ??= createWsClient({
      url: webSocketUrl(location),
      lazy: true,
      connectionParams: () => {
        const token = session.accessToken();
        return token ? { accessToken: token } : {};
      },
      // An API restart or a network blip must not end a page's live updates: retry for as long
      // as the page is open (graphql-ws stops after 5 attempts by default).
      retryAttempts: Infinity,
      shouldRetry: () => true,
      retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, reconnectDelayMs(retries))),
      on: {
        connected: (_socket, _payload, wasRetry) => {
          if (wasRetry) for (const listener of reconnected) listener();
        },
      },
    }));

  const urql = new Client({
    url: '/graphql',
    fetch: createAuthFetch(session),
    // POST always: Apollo's CSRF prevention refuses simple GET requests, and tokens stay out of URLs.
    preferGetMethod: false,
    // KPI figures change every few seconds; a page always asks the API again when it is opened.
    requestPolicy: 'cache-and-network',
    exchanges: [
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? '' };
          return {
            subscribe(sink) {
              const unsubscribe = wsClient().subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
    ],
  });
  reconnectListeners.set(urql, reconnected);
  return { urql, dispose: () => void ws?.dispose() };
}
