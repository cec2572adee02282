// Query depth and cost limits, so one request cannot ask the catalog for everything at once.
import { GraphQLError, Kind, type ASTVisitor, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext, type GraphQLSchema, type DocumentNode } from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { ErrorCode } from '../common/errors';
import { DEFAULT_PAGE_SIZE } from '../common/pagination';

/** A validation rule: operations deeper than `max` levels of fields are refused with QUERY_TOO_DEEP. */
export function depthLimit(max: number) {
  return (ctx: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const d of ctx.getDocument().definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
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
    return {
      OperationDefinition(op) {
        const depth = depthOf(op.selectionSet, new Set());
        if (depth > max) {
          ctx.reportError(
            new GraphQLError(`query ${op.name ? `"${op.name.value}" ` : ''}is ${depth} levels deep; the limit is ${max}`, {
              nodes: [op],
              extensions: { code: ErrorCode.QUERY_TOO_DEEP, depth, max },
            }),
          );
        }
      },
    };
  };
}

/** A list field costs its page size times what each item costs; lists without a page size count as 10 items. */
const pagedEstimator: ComplexityEstimator = ({ args, childComplexity, field }) => {
  const typeName = String(field.type);
  const first = typeof args.first === 'number' ? args.first : undefined;
  if (/Connection!?$/.test(typeName)) return 1 + childComplexity * (first ?? DEFAULT_PAGE_SIZE);
  if (typeName.startsWith('[')) return 1 + childComplexity * 10;
  return undefined;
};

export function queryCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>, operationName?: string): number {
  return getComplexity({ schema, query: document, variables, operationName, estimators: [pagedEstimator, simpleEstimator({ defaultComplexity: 1 })] });
}

export function costError(cost: number, max: number): GraphQLError {
  return new GraphQLError(`query costs ${cost}; the limit is ${max}. Ask for smaller pages or fewer nested lists`, {
    extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, cost, max },
  });
}
