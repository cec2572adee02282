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

/**
 * Parses an expression into its tree (precedence: ** binds tightest and to the right, then unary - and +,
 * then * / %, then + -). Throws ExprError naming the expression for a syntax error or an unknown function.
 */
export function parseExpr(src: string): Expr {
  const p = new Parser(src);
  const e = p.sum();
  p.end();
  return e;
}

/** A recursive-descent parser over the tokens of one expression; each method reads one level of precedence. */
class Parser {
  private readonly t: string[];
  private i = 0;

  constructor(private readonly src: string) {
    const toks = src.match(/\s*(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+|\*\*|[A-Za-z_][A-Za-z0-9_]*|[-+*/%(),]|\S)/g) ?? [];
    this.t = toks.map((s) => s.trim());
  }

  private peek(): string | undefined {
    return this.t[this.i];
  }

  private take(want?: string): string {
    const x = this.t[this.i++];
    if (want !== undefined && x !== want) throw new ExprError(`expected "${want}" but found ${x === undefined ? 'the end' : `"${x}"`} in "${this.src}"`);
    return x;
  }

  /** Throws when tokens are left after the whole expression. */
  end(): void {
    if (this.i < this.t.length) throw new ExprError(`unexpected "${this.t[this.i]}" in "${this.src}"`);
  }

  private primary(): Expr {
    const x = this.take();
    if (x === undefined) throw new ExprError(`"${this.src}" ends too early`);
    if (/^(\d|\.\d)/.test(x)) return { k: 'num', v: Number(x) };
    if (x === '(') {
      const e = this.sum();
      this.take(')');
      return e;
    }
    if (x === '-') return { k: 'neg', e: this.power() };
    if (x === '+') return this.power();
    if (/^[A-Za-z_]/.test(x)) return this.peek() === '(' ? this.call(x) : { k: 'var', name: x };
    throw new ExprError(`unexpected "${x}" in "${this.src}"`);
  }

  /** A call of the function `fn`, from its "(" on. */
  private call(fn: string): Expr {
    if (!FUNCS[fn]) throw new ExprError(`unknown function "${fn}" in "${this.src}" (known: ${Object.keys(FUNCS).join(', ')})`);
    this.take('(');
    const args: Expr[] = [];
    if (this.peek() !== ')') {
      args.push(this.sum());
      while (this.peek() === ',') {
        this.take(',');
        args.push(this.sum());
      }
    }
    this.take(')');
    return { k: 'call', fn, args };
  }

  private power(): Expr {
    const a = this.primary();
    if (this.peek() === '**') {
      this.take();
      return { k: 'bin', op: '**', a, b: this.power() };
    }
    return a;
  }

  private product(): Expr {
    let a = this.power();
    while (this.peek() === '*' || this.peek() === '/' || this.peek() === '%') a = { k: 'bin', op: this.take(), a, b: this.power() };
    return a;
  }

  sum(): Expr {
    let a = this.product();
    while (this.peek() === '+' || this.peek() === '-') a = { k: 'bin', op: this.take(), a, b: this.product() };
    return a;
  }
}

/** The variable names `e` uses, added to `out`. */
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
