// Query depth and cost limits, so one request cannot ask the catalog for everything at once.
import { GraphQLError, Kind, type ASTVisitor, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext, type OperationDefinitionNode, type GraphQLSchema, type DocumentNode } from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { ErrorCode } from '../common/errors';
import { DEFAULT_PAGE_SIZE } from '../common/pagination';

/** How many levels of fields an operation selects (fragments expanded, introspection ignored). */
export function operationDepth(doc: DocumentNode, op: OperationDefinitionNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const depthOf = (set: SelectionSetNode | undefined, seen: Set<string>): number => {
    if (!set) return 0;
    let deepest = 0;
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        if (s.name.value.startsWith('__')) continue;
        deepest = Math.max(deepest, s.selectionSet ? 1 + depthOf(s.selectionSet, seen) : 1);
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        deepest = Math.max(deepest, depthOf(s.selectionSet, seen));
      } else if (!seen.has(s.name.value)) {
        deepest = Math.max(deepest, depthOf(fragments.get(s.name.value)?.selectionSet, new Set([...seen, s.name.value])));
      }
    }
    return deepest;
  };
  return depthOf(op.selectionSet, new Set());
}

export function depthError(depth: number, max: number, name?: string): GraphQLError {
  return new GraphQLError(`query ${name ? `"${name}" ` : ''}is ${depth} levels deep; the limit is ${max}`, {
    extensions: { code: ErrorCode.QUERY_TOO_DEEP, depth, max },
  });
}

/** The same limit as a validation rule, for transports without Apollo's plugins (graphql-ws). */
export function depthLimit(max: number) {
  return (ctx: ValidationContext): ASTVisitor => ({
    OperationDefinition(op) {
      const depth = operationDepth(ctx.getDocument(), op);
      if (depth > max) ctx.reportError(depthError(depth, max, op.name?.value));
    },
  });
}

/** A list field costs its page size times what each item costs; lists without a page size count as 10 items. */
/** Page sizes above the maximum count as the maximum here: the resolver refuses them with PAGE_TOO_LARGE. */
const pagedEstimator =
  (maxPage: number): ComplexityEstimator =>
  ({ args, childComplexity, field, type }) => {
    const typeName = String(field.type);
    // a connection's edges and nodes are the page already counted on the connection field
    if (type.name.endsWith('Connection')) return 1 + childComplexity;
    const first = typeof args.first === 'number' ? Math.min(Math.max(args.first, 0), maxPage) : undefined;
    if (/Connection!?$/.test(typeName)) return 1 + childComplexity * (first ?? DEFAULT_PAGE_SIZE);
    if (typeName.startsWith('[')) return 1 + childComplexity * 10;
    return undefined;
  };

export function queryCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>, operationName: string | undefined, maxPage: number): number {
  try {
    return getComplexity({ schema, query: document, variables, operationName, estimators: [pagedEstimator(maxPage), simpleEstimator({ defaultComplexity: 1 })] });
  } catch (e) {
    // the estimator coerces variables first: a bad variable is the caller's mistake, reported as such
    if (e instanceof GraphQLError) throw new GraphQLError(e.message, { extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } } });
    throw e;
  }
}

export function costError(cost: number, max: number): GraphQLError {
  return new GraphQLError(`query costs ${cost}; the limit is ${max}. Ask for smaller pages or fewer nested lists`, {
    extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, cost, max },
  });
}
