// graphql-ws on the HTTP server's port, path /graphql: subscriptions (and queries) over a WebSocket, with
// the same context builder, validation rules and cost limits as HTTP, and a cap on operations per socket.
import type http from 'node:http';
import { GraphQLError, NoSchemaIntrospectionCustomRule, getOperationAST, parse, specifiedRules, validate, type GraphQLSchema } from 'graphql';
import { WebSocketServer } from 'ws';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { useServer } = require('graphql-ws/use/ws') as typeof import('graphql-ws/dist/use/ws');
import type { Config } from '../config';
import { isAnonymous } from '../auth';
import { CatalogError, ErrorCode } from '../common/errors';
import type { Context, ContextBuilder } from '../graphql/context';
import { checkLimits, depthLimit, exactIntegers } from '../graphql/limits';
import type { Services } from './services';

/** Operations (subscriptions, queries) one WebSocket connection may hold at once. */
const MAX_SUBSCRIPTIONS_PER_SOCKET = 50;

/** Serves GraphQL over WebSockets on `httpServer`; a connection whose credentials are refused is closed with 4403. */
export function subscriptionServer(httpServer: http.Server, schema: GraphQLSchema, contexts: ContextBuilder<Services>, cfg: Config): { dispose(): void | Promise<void> } {
  const wss = new WebSocketServer({ server: httpServer, path: '/graphql' });
  return useServer<Record<string, unknown>, { ctx?: Context; open?: number }>(
    {
      schema,
      validate: (sch, doc) => validate(sch, doc, [...specifiedRules, depthLimit(cfg.maxDepth), exactIntegers(), ...(cfg.introspection ? [] : [NoSchemaIntrospectionCustomRule])]),
      // a request over the socket pays what it costs, as over HTTP
      onSubscribe: (c, _id, payload) => {
        // one connection holds a bounded number of operations: each open subscription costs every event
        if ((c.extra.open ?? 0) >= MAX_SUBSCRIPTIONS_PER_SOCKET) {
          return [new GraphQLError(`a connection may hold ${MAX_SUBSCRIPTIONS_PER_SOCKET} operations at once; close some or open another connection`, { extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, max: MAX_SUBSCRIPTIONS_PER_SOCKET } })];
        }
        let doc;
        try {
          doc = parse(payload.query);
        } catch {
          return undefined; // graphql-ws reports the syntax error itself
        }
        const op = getOperationAST(doc, payload.operationName ?? undefined);
        if (!op) return undefined;
        try {
          checkLimits(cfg, schema, doc, op, (payload.variables ?? {}) as Record<string, unknown>, !!c.extra.ctx && isAnonymous(c.extra.ctx.identity));
        } catch (e) {
          if (e instanceof GraphQLError) return [e];
          throw e;
        }
        c.extra.open = (c.extra.open ?? 0) + 1;
        return undefined;
      },
      onConnect: async (c) => {
        const p = c.connectionParams ?? {};
        try {
          c.extra.ctx = await contexts.build({ authorization: str(p.authorization ?? p.Authorization), apiKey: str(p.apiKey ?? p['x-api-key']) });
        } catch (e) {
          if (e instanceof CatalogError) return false; // graphql-ws closes with 4403 Forbidden
          throw e;
        }
        return true;
      },
      context: (c) => c.extra.ctx!,
      onComplete: (c) => {
        c.extra.open = Math.max(0, (c.extra.open ?? 1) - 1);
      },
    },
    wss,
  );
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v ? v : undefined;
}
