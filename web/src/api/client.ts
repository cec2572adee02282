// The portal's GraphQL client: queries and mutations over HTTP to /graphql, subscriptions over graphql-ws on
// the same URL, both with the signed-in user's access token (none: the visitor sees published records).
import { Client, cacheExchange, fetchExchange, subscriptionExchange } from 'urql';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';

/** The current access token, or null for a visitor; read on every request so a refreshed token is used at once. */
export type TokenSource = () => string | null;

/** A urql client for the catalog at this origin. */
export function catalogClient(token: TokenSource): { client: Client; ws: WsClient } {
  const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
  const ws = createWsClient({
    url: wsUrl,
    lazy: true,
    connectionParams: () => {
      const t = token();
      return t ? { authorization: `Bearer ${t}` } : {};
    },
  });
  const client = new Client({
    url: '/graphql',
    exchanges: [
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query || '' };
          return { subscribe: (sink) => ({ unsubscribe: ws.subscribe(input, sink) }) };
        },
      }),
    ],
    fetchOptions: (): RequestInit => {
      const t = token();
      const headers: Record<string, string> = t ? { authorization: `Bearer ${t}` } : {};
      return { headers };
    },
    requestPolicy: 'cache-and-network',
  });
  return { client, ws };
}
