// Tokens → a Query (ast.ts): `let` statements, a table, then piped operators, by recursive
// descent with Kusto's precedence (or < and < comparisons < + - < * / % < unary minus).
// The subset: where, extend, project, summarize … by …, top, order/sort by, take/limit,
// count. Any other operator is an `unsupported-operator` problem naming it at its offset
// (`join`, `union`, `mv-expand`, …), never a silently different query.

import type { Aggregate, Assign, BinaryOp, Expr, Let, Operator, Query, SortKey } from './ast.js';
import { type Token, tokenize } from './lexer.js';
import { KqlError, type KqlProblem, showToken } from './problems.js';
import { COMPARISONS, OTHER_STRING_OPS, SOURCE_OPERATORS } from './words.js';

/** Parses a query; throws KqlError with the first problem (its offset in `text`). */
export function parseQuery(text: string): Query {
  return new Parser(tokenize(text)).query();
}

class Parser {
  private i = 0;

  constructor(private readonly tokens: Token[]) {}

  query(): Query {
    const lets: Let[] = [];
    while (this.isName('let')) {
      const at = this.next().at;
      const name = this.expectName('a name after let');
      this.expect('=');
      lets.push({ at, name: name.text, expr: this.expr() });
      this.expect(';');
    }
    const table = this.expectName('a table name');
    if (SOURCE_OPERATORS.has(table.text)) this.unsupported(table.text, table.at);
    const ops: Operator[] = [];
    while (this.peek().text === '|' && this.peek().kind === 'punct') {
      this.next();
      ops.push(this.operator());
    }
    if (this.peek().kind !== 'end') this.fail('| or the end of the query');
    return { lets, table: { at: table.at, name: table.text }, ops };
  }

  private operator(): Operator {
    const word = this.operatorWord();
    const at = word.at;
    switch (word.text) {
      case 'where':
      case 'filter':
        return { op: 'where', at, pred: this.expr() };
      case 'extend':
        return { op: 'extend', at, cols: this.list(() => this.assign()) };
      case 'project':
        return { op: 'project', at, cols: this.list(() => this.assign()) };
      case 'summarize':
        return this.summarize(at);
      case 'top': {
        const n = this.count();
        this.expectWord('by');
        return { op: 'top', at, n, key: this.sortKey() };
      }
      case 'order':
      case 'sort':
        this.expectWord('by');
        return { op: 'order', at, keys: this.list(() => this.sortKey()) };
      case 'take':
      case 'limit':
        return { op: 'take', at, n: this.count() };
      case 'count':
        return { op: 'count', at };
      default:
        return this.unsupported(word.text, at);
    }
  }

  // An operator name after a pipe; Kusto's hyphenated ones (`mv-expand`, `project-away`) are one word.
  private operatorWord(): Token {
    const first = this.expectName('an operator after |');
    let text = first.text;
    let end = first.end;
    while (this.peek().text === '-' && this.peek().at === end && this.tokens[this.i + 1]?.kind === 'name') {
      this.next();
      const part = this.next();
      text += `-${part.text}`;
      end = part.end;
    }
    return { ...first, text, end };
  }

  private summarize(at: number): Operator {
    const aggs: Aggregate[] = this.isName('by') ? [] : this.list(() => this.aggregate());
    const by: Assign[] = [];
    if (this.isName('by')) {
      this.next();
      by.push(...this.list(() => this.assign()));
    }
    if (aggs.length === 0 && by.length === 0) this.fail('an aggregation like count(), or by');
    return { op: 'summarize', at, aggs, by };
  }

  private aggregate(): Aggregate {
    const at = this.peek().at;
    const name = this.assignedName();
    const fn = this.expectName('an aggregation like count() or sum(x)');
    if (this.peek().text !== '(') this.fail('( after the aggregation name');
    this.next();
    const args: Expr[] = [];
    let star = false;
    while (this.peek().text !== ')') {
      if (this.peek().text === '*') {
        this.next();
        star = true;
      } else args.push(this.expr());
      if (this.peek().text !== ',') break;
      this.next();
    }
    this.expect(')');
    return { at, name, fn: fn.text, args, star };
  }

  private assign(): Assign {
    const at = this.peek().at;
    const name = this.assignedName();
    return { at, name, expr: this.expr() };
  }

  // `name =` (not `name ==`) before an expression: the name, consumed; else null.
  private assignedName(): string | null {
    const t = this.peek();
    const after = this.tokens[this.i + 1];
    if (t.kind === 'name' && after?.kind === 'punct' && after.text === '=') {
      this.i += 2;
      return t.text;
    }
    return null;
  }

  private sortKey(): SortKey {
    const at = this.peek().at;
    const expr = this.expr();
    let desc = true;
    if (this.isName('asc') || this.isName('desc')) desc = this.next().text === 'desc';
    let nullsFirst = !desc;
    if (this.isName('nulls')) {
      this.next();
      const which = this.expectName('first or last after nulls');
      if (which.text !== 'first' && which.text !== 'last') this.fail('first or last', which);
      nullsFirst = which.text === 'first';
    }
    return { at, expr, desc, nullsFirst };
  }

  private count(): number {
    const t = this.peek();
    if (t.kind !== 'number' || !Number.isInteger(t.value) || (t.value ?? -1) < 0) this.fail('a whole number');
    this.next();
    return t.value!;
  }

  private list<T>(item: () => T): T[] {
    const out = [item()];
    while (this.peek().text === ',' && this.peek().kind === 'punct') {
      this.next();
      out.push(item());
    }
    return out;
  }

  // --- expressions, loosest first

  private expr(): Expr {
    let left = this.and();
    while (this.isName('or')) {
      const at = this.next().at;
      left = { k: 'bin', at, op: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): Expr {
    let left = this.comparison();
    while (this.isName('and')) {
      const at = this.next().at;
      left = { k: 'bin', at, op: 'and', left, right: this.comparison() };
    }
    return left;
  }

  private comparison(): Expr {
    const left = this.additive();
    const t = this.peek();
    if (t.kind === 'name' && OTHER_STRING_OPS.has(t.text)) this.unsupported(t.text, t.at);
    if (t.kind === 'punct' && OTHER_STRING_OPS.has(t.text)) this.unsupported(t.text, t.at);
    if (['in', 'in~', '!in', '!in~'].includes(t.text) && (t.kind === 'name' || t.kind === 'punct')) {
      this.next();
      this.expect('(');
      const list = this.peek().text === ')' ? [] : this.list(() => this.expr());
      this.expect(')');
      return { k: 'in', at: t.at, negate: t.text.startsWith('!'), ci: t.text.endsWith('~'), left, list };
    }
    if (COMPARISONS.has(t.text) && (t.kind === 'punct' || t.kind === 'name')) {
      this.next();
      return { k: 'bin', at: t.at, op: t.text as BinaryOp, left, right: this.additive() };
    }
    return left;
  }

  private additive(): Expr {
    let left = this.multiplicative();
    while (this.peek().kind === 'punct' && (this.peek().text === '+' || this.peek().text === '-')) {
      const t = this.next();
      left = { k: 'bin', at: t.at, op: t.text as BinaryOp, left, right: this.multiplicative() };
    }
    return left;
  }

  private multiplicative(): Expr {
    let left = this.unary();
    while (this.peek().kind === 'punct' && ['*', '/', '%'].includes(this.peek().text)) {
      const t = this.next();
      left = { k: 'bin', at: t.at, op: t.text as BinaryOp, left, right: this.unary() };
    }
    return left;
  }

  private unary(): Expr {
    const t = this.peek();
    if (t.kind === 'punct' && t.text === '-') {
      this.next();
      return { k: 'neg', at: t.at, arg: this.unary() };
    }
    return this.primary();
  }

  private primary(): Expr {
    const t = this.next();
    switch (t.kind) {
      case 'number':
        return { k: 'lit', at: t.at, type: /[.eE]/.test(t.text) ? 'real' : 'long', value: t.value! };
      case 'timespan':
        return { k: 'lit', at: t.at, type: 'timespan', value: t.value! };
      case 'datetime':
        return { k: 'lit', at: t.at, type: 'datetime', value: t.value! };
      case 'string':
        return { k: 'lit', at: t.at, type: 'string', value: t.text };
      case 'name':
        if (t.text === 'true' || t.text === 'false')
          return { k: 'lit', at: t.at, type: 'bool', value: t.text === 'true' };
        if (this.peek().text === '(' && this.peek().kind === 'punct') return this.call(t);
        return { k: 'name', at: t.at, name: t.text };
      case 'punct':
        if (t.text === '(') {
          const inner = this.expr();
          this.expect(')');
          return inner;
        }
        return this.fail('a value, a column or a function', t);
      default:
        return this.fail('a value, a column or a function', t);
    }
  }

  private call(fn: Token): Expr {
    this.expect('(');
    const args = this.peek().text === ')' ? [] : this.list(() => this.expr());
    this.expect(')');
    return { k: 'call', at: fn.at, fn: fn.text, args };
  }

  // --- tokens

  private peek(): Token {
    return this.tokens[this.i];
  }

  private next(): Token {
    const t = this.tokens[this.i];
    if (t.kind !== 'end') this.i++;
    return t;
  }

  private isName(word: string): boolean {
    const t = this.peek();
    return t.kind === 'name' && t.text === word;
  }

  private expect(punct: string): Token {
    const t = this.peek();
    if (t.kind !== 'punct' || t.text !== punct) this.fail(`"${punct}"`);
    return this.next();
  }

  private expectWord(word: string): Token {
    if (!this.isName(word)) this.fail(`"${word}"`);
    return this.next();
  }

  private expectName(what: string): Token {
    if (this.peek().kind !== 'name') this.fail(what);
    return this.next();
  }

  private unsupported(name: string, at: number): never {
    throw new KqlError([{ code: 'unsupported-operator', at, name }]);
  }

  private fail(expected: string, t: Token = this.peek()): never {
    const problem: KqlProblem = { code: 'syntax', at: t.at, expected, got: showToken(t.text) };
    throw new KqlError([problem]);
  }
}
