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

// Queries and mutations over HTTP with the session's token; subscriptions over graphql-ws,
// connecting only when a page subscribes (lazy) and authenticating with the token at that moment.
export function createPortalClient(
  session: SessionManager,
  location: Location = window.location,
): PortalClient {
  let ws: WsClient | null = null;
  const wsClient = (): WsClient =>
    (ws ??= createWsClient({
      url: webSocketUrl(location),
      lazy: true,
      connectionParams: () => {
        const token = session.accessToken();
        return token ? { accessToken: token } : {};
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
  return { urql, dispose: () => void ws?.dispose() };
}
