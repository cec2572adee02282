// The arithmetic a mapping may do: numbers, named values, + - * / % **, parentheses and a few pure
// functions. It is parsed into a tree once and evaluated per record; there is no way to run code.

export type Expr =
  | { k: 'num'; v: number }
  | { k: 'var'; name: string }
  | { k: 'neg'; e: Expr }
  | { k: 'bin'; op: string; a: Expr; b: Expr }
  | { k: 'call'; fn: string; args: Expr[] };

const FUNCS: Record<string, (...a: number[]) => number> = {
  min: Math.min,
  max: Math.max,
  abs: Math.abs,
  round: (x, d = 0) => Math.round(x * 10 ** d) / 10 ** d,
  floor: Math.floor,
  ceil: Math.ceil,
  sqrt: Math.sqrt,
  log10: Math.log10,
};

export class ExprError extends Error {}

export function parseExpr(src: string): Expr {
  const toks = src.match(/\s*(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+|\*\*|[A-Za-z_][A-Za-z0-9_]*|[-+*/%(),]|\S)/g) ?? [];
  const t = toks.map((s) => s.trim());
  let i = 0;
  const peek = () => t[i];
  const take = (want?: string) => {
    const x = t[i++];
    if (want !== undefined && x !== want) throw new ExprError(`expected "${want}" but found ${x === undefined ? 'the end' : `"${x}"`} in "${src}"`);
    return x;
  };
  const primary = (): Expr => {
    const x = take();
    if (x === undefined) throw new ExprError(`"${src}" ends too early`);
    if (/^(\d|\.\d)/.test(x)) return { k: 'num', v: Number(x) };
    if (x === '(') {
      const e = sum();
      take(')');
      return e;
    }
    if (x === '-') return { k: 'neg', e: power() };
    if (x === '+') return power();
    if (/^[A-Za-z_]/.test(x)) {
      if (peek() === '(') {
        if (!FUNCS[x]) throw new ExprError(`unknown function "${x}" in "${src}" (known: ${Object.keys(FUNCS).join(', ')})`);
        take('(');
        const args: Expr[] = [];
        if (peek() !== ')') {
          args.push(sum());
          while (peek() === ',') {
            take(',');
            args.push(sum());
          }
        }
        take(')');
        return { k: 'call', fn: x, args };
      }
      return { k: 'var', name: x };
    }
    throw new ExprError(`unexpected "${x}" in "${src}"`);
  };
  const power = (): Expr => {
    const a = primary();
    if (peek() === '**') {
      take();
      return { k: 'bin', op: '**', a, b: power() };
    }
    return a;
  };
  const product = (): Expr => {
    let a = power();
    while (peek() === '*' || peek() === '/' || peek() === '%') a = { k: 'bin', op: take(), a, b: power() };
    return a;
  };
  const sum = (): Expr => {
    let a = product();
    while (peek() === '+' || peek() === '-') a = { k: 'bin', op: take(), a, b: product() };
    return a;
  };
  const e = sum();
  if (i < t.length) throw new ExprError(`unexpected "${t[i]}" in "${src}"`);
  return e;
}

export function exprVars(e: Expr, out = new Set<string>()): Set<string> {
  if (e.k === 'var') out.add(e.name);
  else if (e.k === 'neg') exprVars(e.e, out);
  else if (e.k === 'bin') {
    exprVars(e.a, out);
    exprVars(e.b, out);
  } else if (e.k === 'call') e.args.forEach((a) => exprVars(a, out));
  return out;
}

/** Evaluates; undefined when a variable has no value (the field then takes its default). */
export function evalExpr(e: Expr, vars: Record<string, number | undefined>): number | undefined {
  switch (e.k) {
    case 'num':
      return e.v;
    case 'var':
      return vars[e.name];
    case 'neg': {
      const v = evalExpr(e.e, vars);
      return v === undefined ? undefined : -v;
    }
    case 'bin': {
      const a = evalExpr(e.a, vars);
      const b = evalExpr(e.b, vars);
      if (a === undefined || b === undefined) return undefined;
      switch (e.op) {
        case '+': return a + b;
        case '-': return a - b;
        case '*': return a * b;
        case '/': return a / b;
        case '%': return a % b;
        default: return a ** b;
      }
    }
    case 'call': {
      const args = e.args.map((a) => evalExpr(a, vars));
      if (args.some((a) => a === undefined)) return undefined;
      return FUNCS[e.fn](...(args as number[]));
    }
  }
}
