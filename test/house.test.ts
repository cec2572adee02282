// The house rules, checked on every source file: a file under 300 lines, a function (declaration,
// method, arrow or expression) under 60 lines, and a docstring on every exported function and every
// public method of an exported class (resolver methods carry theirs in their decorators).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const SRC = path.resolve(__dirname, '..', 'src');
const MAX_FILE_LINES = 300;
const MAX_FUNCTION_LINES = 60;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Functions of `text` longer than `max` lines: "name (n lines, from line k)". */
export function longFunctions(file: string, text: string, max: number): string[] {
  const src = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isFunctionLike(n) && 'body' in n && n.body) {
      const from = src.getLineAndCharacterOfPosition(n.getStart()).line + 1;
      const to = src.getLineAndCharacterOfPosition(n.end).line + 1;
      const name = (n as ts.FunctionLikeDeclaration).name?.getText(src) ?? '(anonymous)';
      if (to - from + 1 > max) out.push(`${name} (${to - from + 1} lines, from line ${from})`);
    }
    ts.forEachChild(n, visit);
  };
  visit(src);
  return out;
}

test('the function rule catches a long function and passes a short one (so the check below can fail)', () => {
  const body = Array.from({ length: 61 }, (_, i) => `  const x${i} = ${i};`).join('\n');
  expect(longFunctions('x.ts', `function big() {\n${body}\n}\n`, MAX_FUNCTION_LINES)).toEqual(['big (63 lines, from line 1)']);
  expect(longFunctions('x.ts', 'const f = () => 1;\n', MAX_FUNCTION_LINES)).toEqual([]);
});

test(`no source file is over ${MAX_FILE_LINES} lines`, () => {
  const long = files(SRC)
    .map((f) => [path.relative(SRC, f), readFileSync(f, 'utf8').split('\n').length - 1] as const)
    .filter(([, n]) => n > MAX_FILE_LINES)
    .map(([f, n]) => `${f}: ${n} lines`);
  expect(long).toEqual([]);
});

test(`no function is over ${MAX_FUNCTION_LINES} lines`, () => {
  const long = files(SRC).flatMap((f) => longFunctions(f, readFileSync(f, 'utf8'), MAX_FUNCTION_LINES).map((x) => `${path.relative(SRC, f)}: ${x}`));
  expect(long).toEqual([]);
});

/** Exported functions and public methods of exported classes without a JSDoc comment: "name (line k)". */
export function undocumented(file: string, text: string): string[] {
  const src = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const has = (n: ts.Node) => ts.getJSDocCommentsAndTags(n).length > 0;
  const exported = (n: ts.Node) => (ts.getCombinedModifierFlags(n as ts.Declaration) & ts.ModifierFlags.Export) !== 0;
  const line = (n: ts.Node) => src.getLineAndCharacterOfPosition(n.getStart()).line + 1;
  const out: string[] = [];
  for (const st of src.statements) {
    if (ts.isFunctionDeclaration(st) && exported(st) && !has(st)) out.push(`${st.name?.text} (line ${line(st)})`);
    if (!ts.isClassDeclaration(st) || !exported(st)) continue;
    for (const m of st.members) {
      if (!ts.isMethodDeclaration(m) && !ts.isGetAccessor(m)) continue;
      if (ts.getCombinedModifierFlags(m) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected) || ts.isPrivateIdentifier(m.name)) continue;
      if (ts.getDecorators(m)?.length) continue;
      if (!has(m)) out.push(`${st.name?.text}.${m.name.getText(src)} (line ${line(m)})`);
    }
  }
  return out;
}

test('the docstring rule catches an exported function and a public method without one', () => {
  const text = 'export function a() {}\n/** Documented. */\nexport function b() {}\nexport class C {\n  m() {}\n  private p() {}\n  /** Documented. */\n  n() {}\n}\n';
  expect(undocumented('x.ts', text)).toEqual(['a (line 1)', 'C.m (line 5)']);
});

test('every exported function and public method has a docstring', () => {
  const missing = files(SRC).flatMap((f) => undocumented(f, readFileSync(f, 'utf8')).map((x) => `${path.relative(SRC, f)}: ${x}`));
  expect(missing).toEqual([]);
});
