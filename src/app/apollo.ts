// Apollo Server for HTTP: what errors a client sees (catalog errors as they are, anything else masked
// with a request id), the request id on every answer, the read-store extension, and the query limits.
import type http from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import type { Config } from '../config';
import { isAnonymous } from '../auth';
import { CatalogError, ErrorCode } from '../common/errors';
import type { Context } from '../graphql/context';
import { checkLimits, exactIntegers, type Limits } from '../graphql/limits';

/** Codes that are safe to show a client as they are; anything else is masked. */
const PUBLIC_CODES = new Set<string>([...Object.values(ErrorCode), 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'OPERATION_RESOLUTION_FAILURE']);

/** A catalog error as the GraphQL error a client receives (its code, details and HTTP status). */
export function toGraphQLError(e: CatalogError): GraphQLError {
  return new GraphQLError(e.message, { extensions: { code: e.code, ...e.details, ...(e.httpStatus && { http: { status: e.httpStatus } }) } });
}

/** Apollo's formatError: catalog errors and GraphQL's own public codes pass; anything else is masked as INTERNAL. */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof CatalogError) {
    return { message: original.message, path: formatted.path, locations: formatted.locations, extensions: { code: original.code, ...original.details } };
  }
  const code = formatted.extensions?.code as string | undefined;
  if (code && PUBLIC_CODES.has(code) && code !== ErrorCode.INTERNAL) return formatted;
  return { message: 'Internal server error; the request id in extensions identifies it in the server log', path: formatted.path, extensions: { code: ErrorCode.INTERNAL } };
}

/** Logs unexpected errors with the request id and stamps the id on every error a client receives. */
function requestIdPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ contextValue, errors }) {
          for (const e of errors) {
            const original = unwrapResolverError(e);
            if (!(original instanceof CatalogError) && !(original instanceof GraphQLError && PUBLIC_CODES.has(String(original.extensions?.code)))) {
              contextValue.log.error({ err: original, path: e.path }, 'unexpected error');
            }
          }
        },
        async willSendResponse({ contextValue, response }) {
          if (response.body.kind === 'single' && response.body.singleResult.errors) {
            for (const e of response.body.singleResult.errors) (e as any).extensions = { ...e.extensions, requestId: contextValue.requestId };
          }
          // which store answered each entity's lists and relations: "elasticsearch", or "mongodb" when the index could not
          if (response.body.kind === 'single' && contextValue.loaders.readStores.size) {
            const r = response.body.singleResult;
            r.extensions = { ...r.extensions, readStore: Object.fromEntries(contextValue.loaders.readStores) };
          }
          response.http.headers.set('x-request-id', contextValue.requestId);
        },
      };
    },
  };
}

/** Depth, then cost against the caller's budget, checked once the operation is known and before anything runs. */
function limitsPlugin(limits: Limits): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, operation, contextValue }) {
          if (!operation) return;
          checkLimits(limits, schema, document, operation, request.variables ?? {}, isAnonymous(contextValue.identity));
        },
      };
    },
  };
}

/**
 * The Apollo server of the HTTP endpoint; it drains `httpServer` on stop and closes the subscription
 * server with it (`disposeWs`).
 */
export function createApollo(schema: GraphQLSchema, httpServer: http.Server, cfg: Config, disposeWs: () => Promise<void>): ApolloServer<Context> {
  return new ApolloServer<Context>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: cfg.introspection,
    validationRules: [exactIntegers()],
    // "Did you mean …?" suggestions name schema fields; off with introspection in production
    hideSchemaDetailsFromClientErrors: !cfg.fieldSuggestions,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      requestIdPlugin(),
      limitsPlugin(cfg),
      { async serverWillStart() { return { async drainServer() { await disposeWs(); } }; } },
    ],
  });
}
