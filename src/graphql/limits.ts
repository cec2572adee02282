// Query depth and cost limits, so one request cannot ask the catalog for everything at once.
import { GraphQLError, Kind, type ASTVisitor, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext, type OperationDefinitionNode, type GraphQLSchema, type DocumentNode } from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { ErrorCode } from '../common/errors';
import { DEFAULT_PAGE_SIZE } from '../common/pagination';

/**
 * How many levels of fields an operation selects (fragments expanded, introspection ignored), and how
 * many fields it selects in all once every fragment spread is expanded. Each fragment is measured once
 * (memoized), so a chain of fragments that spread the next twice costs linear time here, however many
 * fields it would expand to.
 */
export function operationShape(doc: DocumentNode, op: OperationDefinitionNode): { depth: number; fields: number } {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const memo = new Map<string, { depth: number; fields: number }>();
  const measure = (set: SelectionSetNode | undefined, visiting: Set<string>): { depth: number; fields: number } => {
    if (!set) return { depth: 0, fields: 0 };
    let depth = 0;
    let fields = 0;
    for (const s of set.selections) {
      let m: { depth: number; fields: number };
      if (s.kind === Kind.FIELD) {
        if (s.name.value.startsWith('__')) continue;
        const inner = measure(s.selectionSet, visiting);
        m = { depth: 1 + inner.depth, fields: 1 + inner.fields };
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        m = measure(s.selectionSet, visiting);
      } else {
        const name = s.name.value;
        if (visiting.has(name)) continue; // a cycle: GraphQL validation refuses it
        if (!memo.has(name)) memo.set(name, measure(fragments.get(name)?.selectionSet, new Set([...visiting, name])));
        m = memo.get(name)!;
      }
      depth = Math.max(depth, m.depth);
      fields = Math.min(Number.MAX_SAFE_INTEGER, fields + m.fields);
    }
    return { depth, fields };
  };
  return measure(op.selectionSet, new Set());
}

/** How many levels of fields the operation selects (see operationShape). */
export function operationDepth(doc: DocumentNode, op: OperationDefinitionNode): number {
  return operationShape(doc, op).depth;
}

/** The most fields an operation may select once its fragments are expanded (the cost walks them all). */
export const MAX_FIELDS = 20_000;

/** The QUERY_TOO_DEEP error (HTTP 400) for an operation `depth` levels deep against the limit `max`; `name` is the operation's, if any. */
export function depthError(depth: number, max: number, name?: string): GraphQLError {
  return new GraphQLError(`query ${name ? `"${name}" ` : ''}is ${depth} levels deep; the limit is ${max}`, {
    extensions: { code: ErrorCode.QUERY_TOO_DEEP, depth, max, http: { status: 400 } },
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

/**
 * Refuses integer literals beyond 2^53−1: every number becomes a double on its way in, so such a
 * literal would be stored with other digits than were sent (9007199254740993 as …992). Send it as a string.
 */
export function exactIntegers() {
  return (ctx: ValidationContext): ASTVisitor => ({
    IntValue(node) {
      if (!Number.isSafeInteger(Number(node.value))) ctx.reportError(new GraphQLError(unsafeIntegerMessage(node.value), { nodes: [node] }));
    },
  });
}

/** The message refusing an integer beyond 2^53−1 (`digits`, shortened past 40 characters): send it as a string instead. */
export function unsafeIntegerMessage(digits: string): string {
  const shown = digits.length > 40 ? `${digits.slice(0, 37)}…` : digits;
  return `the integer ${shown} is beyond 2^53−1 and would be stored with other digits; send it as a string`;
}

/**
 * The first integer written in a JSON text (outside its strings) that is beyond 2^53−1, or null. JSON
 * parsing turns it into the nearest double, silently: 9007199254740993 becomes 9007199254740992.
 * Numbers with a fraction or an exponent are doubles by intent and pass.
 */
export function unsafeJsonInteger(text: string): string | null {
  const re = /"(?:[^"\\]|\\.)*"|(?<![\w.+-])(-?\d{16,})(?![.\deE])/g;
  for (let m = re.exec(text); m; m = re.exec(text)) if (m[1] && !Number.isSafeInteger(Number(m[1]))) return m[1];
  return null;
}

/** What a root field costs before its selection: each one makes at least one store or index request. */
export const ROOT_FIELD_COST = 50;
const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

/**
 * A field's cost: 1, plus 1 per directive on it, plus what its selection costs; a list costs its page
 * size times what each item costs (lists without a page size count as 10 items); a root field also
 * pays ROOT_FIELD_COST. Aliases and fragment spreads are counted once per use (graphql-query-complexity
 * walks the document as executed), so 1,000 aliases of one field cost 1,000 times that field.
 * Page sizes above the maximum count as the maximum here: the resolver refuses them with PAGE_TOO_LARGE.
 */
const pagedEstimator =
  (maxPage: number): ComplexityEstimator =>
  ({ args, childComplexity, field, type, node }) => {
    const typeName = String(field.type);
    const own = 1 + (node.directives?.length ?? 0) + (ROOT_TYPES.has(type.name) ? ROOT_FIELD_COST : 0);
    // a connection's edges and nodes are the page already counted on the connection field
    if (type.name.endsWith('Connection')) return own + childComplexity;
    // a page size above the field's maximum counts as the maximum: the resolver refuses it with PAGE_TOO_LARGE
    const asked = typeof args.first === 'number' ? Math.max(args.first, 0) : undefined;
    const first = asked === undefined ? undefined : Math.min(asked, /Connection!?$/.test(typeName) || !typeName.startsWith('[') ? maxPage : 10_000);
    if (/Connection!?$/.test(typeName)) return own + childComplexity * (first ?? DEFAULT_PAGE_SIZE);
    // a list pays its page size when it takes one (metadataKeys, ingestRuns, exportJobs), else 10 items
    if (typeName.startsWith('[')) return own + childComplexity * (first ?? 10);
    // a result with a page inside (search, logbook: their lists count 10 items): scaled to the page asked for
    if (first !== undefined) return own + Math.ceil(childComplexity * Math.max(first, 1) / 10);
    return own + childComplexity;
  };

/**
 * What an operation costs by the rules of pagedEstimator (page sizes above `maxPage` count as `maxPage`).
 * A variable that does not fit its type raises BAD_USER_INPUT (HTTP 400).
 */
export function queryCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>, operationName: string | undefined, maxPage: number): number {
  try {
    return getComplexity({ schema, query: document, variables, operationName, estimators: [pagedEstimator(maxPage), simpleEstimator({ defaultComplexity: 1 })] });
  } catch (e) {
    // the estimator coerces variables first: a bad variable is the caller's mistake, reported as such
    if (e instanceof GraphQLError) throw new GraphQLError(e.message, { extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } } });
    throw e;
  }
}

/** The QUERY_TOO_COMPLEX error (HTTP 400) for an operation costing `cost` against the budget `max`, which is smaller for `anonymous` callers. */
export function costError(cost: number, max: number, anonymous = false): GraphQLError {
  return new GraphQLError(`query costs ${cost}; the limit is ${max}${anonymous ? ' without a token' : ''}. Ask for smaller pages, fewer nested lists or fewer aliases`, {
    extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, cost, max, http: { status: 400 } },
  });
}

export interface Limits {
  maxDepth: number;
  maxCost: number;
  maxCostAnonymous: number;
  maxPageSize: number;
}

/**
 * Depth, then cost against the caller's budget (smaller without a token), for one operation, before
 * anything runs: the same check for HTTP and WebSocket requests. Throws the error to send.
 */
export function checkLimits(limits: Limits, schema: GraphQLSchema, document: DocumentNode, op: OperationDefinitionNode, variables: Record<string, unknown>, anonymous: boolean): void {
  const { depth, fields } = operationShape(document, op);
  if (depth > limits.maxDepth) throw depthError(depth, limits.maxDepth, op.name?.value);
  if (fields > MAX_FIELDS) {
    throw new GraphQLError(`query selects ${fields} fields once its fragments are expanded; the limit is ${MAX_FIELDS}`, { extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, fields, max: MAX_FIELDS, http: { status: 400 } } });
  }
  const cost = queryCost(schema, document, variables, op.name?.value, limits.maxPageSize);
  const max = anonymous ? Math.min(limits.maxCostAnonymous, limits.maxCost) : limits.maxCost;
  if (cost > max) throw costError(cost, max, anonymous);
}
