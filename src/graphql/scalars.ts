import { GraphQLScalarType, Kind } from 'graphql';

const MAX = Number.MAX_SAFE_INTEGER;

function parse(v: unknown): number {
  const n = typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n)) throw new TypeError(`Long must be an integer or a string of digits (got ${JSON.stringify(v)})`);
  if (Math.abs(n) > MAX || (typeof v === 'string' && BigInt(v) !== BigInt(n))) {
    throw new TypeError(`Long ${String(v)} is beyond 2^53-1, the largest size this catalog stores exactly`);
  }
  return n;
}

/**
 * A 64-bit integer for byte counts (GraphQL Int stops at 2^31-1, i.e. 2 GiB). Sent as a JSON number;
 * accepted as a number or a string of digits. Exact up to 2^53-1 bytes (8 PiB).
 */
export const LongScalar = new GraphQLScalarType({
  name: 'Long',
  description: 'A 64-bit integer (byte counts). Sent as a JSON number; accepted as a number or a string of digits; exact up to 2^53-1.',
  serialize: (v) => (typeof v === 'bigint' ? Number(v) : parse(v)),
  parseValue: parse,
  parseLiteral(ast) {
    if (ast.kind === Kind.INT || ast.kind === Kind.STRING) return parse(ast.value);
    throw new TypeError('Long must be an integer literal or a string of digits');
  },
});
