/**
 * A small, safe arithmetic-expression language for function-valued parameters written as text (BPX
 * "expression strings" such as "1.5 * exp(-x) + 0.1 * tanh(20 * (x - 0.5))").
 *
 * Grammar (Python-like precedence; `**` and `^` both mean power, right-associative, binding tighter than
 * a unary minus on its left: -x**2 = -(x**2)):
 *   expr  := term (("+" | "-") term)*
 *   term  := unary (("*" | "/") unary)*
 *   unary := ("+" | "-") unary | power
 *   power := atom (("**" | "^") unary)?
 *   atom  := number | "x" | "T" | name "(" expr ")" | "(" expr ")"
 * Functions: exp, log (natural), sqrt, tanh, cosh, sinh, abs. Variables: x (stoichiometry or electrolyte
 * concentration) and T (temperature, K). Nothing is ever passed to `eval`/`Function`: the text is parsed
 * into a tree and compiled into nested closures, with constant sub-trees folded. The derivative d/dx is
 * taken symbolically on the tree, so analytic Jacobians stay exact.
 *
 * A non-integer power of a negative base uses the base's positive part (0), as the series form does:
 * an electrolyte concentration that dips below zero inside a Newton iteration gives 0, never NaN.
 */
import { InputError } from "../../errors.js";

export const expressionFunctionNames = ["exp", "log", "sqrt", "tanh", "cosh", "sinh", "abs"] as const;
type PublicFunctionName = (typeof expressionFunctionNames)[number];
/** `sign` appears only in derivatives (d|u|/dx). */
type FunctionName = PublicFunctionName | "sign";

export type ExpressionNode =
  | { readonly type: "number"; readonly value: number }
  | { readonly type: "variable"; readonly name: "x" | "T" }
  | { readonly type: "negate"; readonly operand: ExpressionNode }
  | {
      readonly type: "binary";
      readonly operator: "+" | "-" | "*" | "/" | "^";
      readonly left: ExpressionNode;
      readonly right: ExpressionNode;
    }
  | { readonly type: "call"; readonly name: FunctionName; readonly argument: ExpressionNode };

/** A syntax error; `position` is the 0-based character offset in the expression text. */
export class ExpressionError extends InputError {
  override name = "ExpressionError";
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

interface Token {
  readonly kind: "number" | "name" | "operator" | "(" | ")" | "end";
  readonly text: string;
  readonly value: number;
  readonly position: number;
}

const numberPattern = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;
const namePattern = /^[A-Za-z_][A-Za-z_0-9.]*/;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      i++;
      continue;
    }
    const rest = text.slice(i);
    const number = numberPattern.exec(rest);
    if (number !== null) {
      tokens.push({ kind: "number", text: number[0], value: Number(number[0]), position: i });
      i += number[0].length;
      continue;
    }
    const name = namePattern.exec(rest);
    if (name !== null) {
      tokens.push({ kind: "name", text: name[0], value: Number.NaN, position: i });
      i += name[0].length;
      continue;
    }
    if (rest.startsWith("**")) {
      tokens.push({ kind: "operator", text: "^", value: Number.NaN, position: i });
      i += 2;
      continue;
    }
    if ("+-*/^".includes(c)) {
      tokens.push({ kind: "operator", text: c, value: Number.NaN, position: i });
      i++;
      continue;
    }
    if (c === "(" || c === ")") {
      tokens.push({ kind: c, text: c, value: Number.NaN, position: i });
      i++;
      continue;
    }
    throw new ExpressionError(`unexpected character "${c}" at position ${i + 1}`, i);
  }
  tokens.push({ kind: "end", text: "", value: Number.NaN, position: text.length });
  return tokens;
}

/** Parses expression text into a tree; throws ExpressionError naming the position of the problem. */
export function parseExpression(text: string): ExpressionNode {
  if (text.length > 100_000) throw new ExpressionError("expression longer than 100000 characters", 0);
  const tokens = tokenize(text);
  let at = 0;
  let depth = 0;
  const peek = () => tokens[at]!;
  const describe = (t: Token) => (t.kind === "end" ? "end of expression" : `"${t.text}"`);
  const fail = (t: Token, expected: string): never => {
    throw new ExpressionError(
      `expected ${expected} at position ${t.position + 1}, found ${describe(t)}`,
      t.position,
    );
  };
  const enter = (t: Token) => {
    if (++depth > 200) throw new ExpressionError("expression nested more than 200 levels deep", t.position);
  };

  function expr(): ExpressionNode {
    let left = term();
    for (;;) {
      const t = peek();
      if (t.kind !== "operator" || (t.text !== "+" && t.text !== "-")) return left;
      at++;
      left = { type: "binary", operator: t.text, left, right: term() };
    }
  }
  function term(): ExpressionNode {
    let left = unary();
    for (;;) {
      const t = peek();
      if (t.kind !== "operator" || (t.text !== "*" && t.text !== "/")) return left;
      at++;
      left = { type: "binary", operator: t.text, left, right: unary() };
    }
  }
  function unary(): ExpressionNode {
    const t = peek();
    if (t.kind === "operator" && (t.text === "-" || t.text === "+")) {
      at++;
      enter(t);
      const operand = unary();
      depth--;
      return t.text === "-" ? { type: "negate", operand } : operand;
    }
    return power();
  }
  function power(): ExpressionNode {
    const base = atom();
    const t = peek();
    if (t.kind === "operator" && t.text === "^") {
      at++;
      enter(t);
      const exponent = unary();
      depth--;
      return { type: "binary", operator: "^", left: base, right: exponent };
    }
    return base;
  }
  function atom(): ExpressionNode {
    const t = peek();
    if (t.kind === "number") {
      at++;
      return { type: "number", value: t.value };
    }
    if (t.kind === "(") {
      at++;
      enter(t);
      const inner = expr();
      depth--;
      if (peek().kind !== ")") fail(peek(), '")"');
      at++;
      return inner;
    }
    if (t.kind === "name") {
      at++;
      if (t.text === "x" || t.text === "T") return { type: "variable", name: t.text };
      const name = t.text.startsWith("np.") ? t.text.slice(3) : t.text;
      if (!(expressionFunctionNames as readonly string[]).includes(name)) {
        throw new ExpressionError(
          `unknown name "${t.text}" at position ${t.position + 1}: expected x, T or one of ${expressionFunctionNames.join(", ")}`,
          t.position,
        );
      }
      if (peek().kind !== "(") fail(peek(), `"(" after ${name}`);
      at++;
      enter(t);
      const argument = expr();
      depth--;
      if (peek().kind !== ")") fail(peek(), '")"');
      at++;
      return { type: "call", name: name as PublicFunctionName, argument };
    }
    return fail(t, "a number, x, T, a function or (");
  }

  const tree = expr();
  if (peek().kind !== "end") fail(peek(), "an operator or end of expression");
  return tree;
}

/** Variables an expression uses. */
export function expressionVariables(node: ExpressionNode): Set<"x" | "T"> {
  const out = new Set<"x" | "T">();
  const visit = (n: ExpressionNode): void => {
    if (n.type === "variable") out.add(n.name);
    else if (n.type === "negate") visit(n.operand);
    else if (n.type === "binary") {
      visit(n.left);
      visit(n.right);
    } else if (n.type === "call") visit(n.argument);
  };
  visit(node);
  return out;
}

function applyFunction(name: FunctionName, u: number): number {
  switch (name) {
    case "exp":
      return Math.exp(u);
    case "log":
      return Math.log(u);
    case "sqrt":
      return Math.sqrt(u);
    case "tanh":
      return Math.tanh(u);
    case "cosh":
      return Math.cosh(u);
    case "sinh":
      return Math.sinh(u);
    case "abs":
      return Math.abs(u);
    case "sign":
      return Math.sign(u);
  }
}

function power(base: number, exponent: number): number {
  return Number.isInteger(exponent) ? base ** exponent : Math.max(base, 0) ** exponent;
}

// Simplifying constructors: fold constants and the identities 0 + u, 1·u, u^1 so derivatives stay small.
const num = (value: number): ExpressionNode => ({ type: "number", value });
const isNumber = (n: ExpressionNode, v?: number): boolean =>
  n.type === "number" && (v === undefined || n.value === v);
function negate(u: ExpressionNode): ExpressionNode {
  if (u.type === "number") return num(-u.value);
  if (u.type === "negate") return u.operand;
  return { type: "negate", operand: u };
}
function binary(
  operator: "+" | "-" | "*" | "/" | "^",
  left: ExpressionNode,
  right: ExpressionNode,
): ExpressionNode {
  if (left.type === "number" && right.type === "number") {
    return num(evaluateBinary(operator, left.value, right.value));
  }
  switch (operator) {
    case "+":
      if (isNumber(left, 0)) return right;
      if (isNumber(right, 0)) return left;
      break;
    case "-":
      if (isNumber(right, 0)) return left;
      if (isNumber(left, 0)) return negate(right);
      break;
    case "*":
      if (isNumber(left, 0) || isNumber(right, 0)) return num(0);
      if (isNumber(left, 1)) return right;
      if (isNumber(right, 1)) return left;
      break;
    case "/":
      if (isNumber(left, 0)) return num(0);
      if (isNumber(right, 1)) return left;
      break;
    case "^":
      if (isNumber(right, 1)) return left;
      if (isNumber(right, 0)) return num(1);
      break;
  }
  return { type: "binary", operator, left, right };
}
function call(name: FunctionName, argument: ExpressionNode): ExpressionNode {
  if (argument.type === "number") return num(applyFunction(name, argument.value));
  return { type: "call", name, argument };
}

function evaluateBinary(operator: "+" | "-" | "*" | "/" | "^", a: number, b: number): number {
  switch (operator) {
    case "+":
      return a + b;
    case "-":
      return a - b;
    case "*":
      return a * b;
    case "/":
      return a / b;
    case "^":
      return power(a, b);
  }
}

/** Folds constant sub-trees (e.g. "(x / 1000)" stays, "2 * 3" becomes 6). */
export function simplifyExpression(node: ExpressionNode): ExpressionNode {
  switch (node.type) {
    case "number":
    case "variable":
      return node;
    case "negate":
      return negate(simplifyExpression(node.operand));
    case "binary":
      return binary(node.operator, simplifyExpression(node.left), simplifyExpression(node.right));
    case "call":
      return call(node.name, simplifyExpression(node.argument));
  }
}

/** d/d`variable` of a tree (symbolic, simplified). */
export function differentiateExpression(node: ExpressionNode, variable: "x" | "T" = "x"): ExpressionNode {
  const d = (n: ExpressionNode): ExpressionNode => {
    switch (n.type) {
      case "number":
        return num(0);
      case "variable":
        return num(n.name === variable ? 1 : 0);
      case "negate":
        return negate(d(n.operand));
      case "binary": {
        const { left: u, right: v } = n;
        const du = d(u);
        const dv = d(v);
        switch (n.operator) {
          case "+":
            return binary("+", du, dv);
          case "-":
            return binary("-", du, dv);
          case "*":
            return binary("+", binary("*", du, v), binary("*", u, dv));
          case "/":
            return binary("/", binary("-", binary("*", du, v), binary("*", u, dv)), binary("^", v, num(2)));
          case "^":
            if (isNumber(dv, 0)) {
              // d(u^c) = c·u^(c−1)·du
              return binary("*", binary("*", v, binary("^", u, binary("-", v, num(1)))), du);
            }
            // d(u^v) = u^v·(dv·ln u + v·du/u)
            return binary(
              "*",
              n,
              binary("+", binary("*", dv, call("log", u)), binary("/", binary("*", v, du), u)),
            );
        }
        break;
      }
      case "call": {
        const u = n.argument;
        const du = d(u);
        if (isNumber(du, 0)) return num(0);
        let outer: ExpressionNode;
        switch (n.name) {
          case "exp":
            outer = n;
            break;
          case "log":
            outer = binary("/", num(1), u);
            break;
          case "sqrt":
            outer = binary("/", num(0.5), n);
            break;
          case "tanh":
            outer = binary("-", num(1), binary("^", n, num(2)));
            break;
          case "cosh":
            outer = call("sinh", u);
            break;
          case "sinh":
            outer = call("cosh", u);
            break;
          case "abs":
            outer = call("sign", u);
            break;
          case "sign":
            outer = num(0);
            break;
        }
        return binary("*", outer, du);
      }
    }
  };
  return d(simplifyExpression(node));
}

/** Compiles a tree into a closure f(x, T); no allocation per call. */
export function compileExpressionTree(node: ExpressionNode): (x: number, temperature_K: number) => number {
  const n = simplifyExpression(node);
  switch (n.type) {
    case "number": {
      const value = n.value;
      return () => value;
    }
    case "variable":
      return n.name === "x" ? (x) => x : (_x, T) => T;
    case "negate": {
      const f = compileExpressionTree(n.operand);
      return (x, T) => -f(x, T);
    }
    case "binary": {
      const a = compileExpressionTree(n.left);
      if (n.operator === "^" && n.right.type === "number") {
        const p = n.right.value;
        if (p === 2)
          return (x, T) => {
            const u = a(x, T);
            return u * u;
          };
        if (Number.isInteger(p)) return (x, T) => a(x, T) ** p;
        return (x, T) => Math.max(a(x, T), 0) ** p;
      }
      // A constant operand is captured as a number, saving a closure call per evaluation.
      if (n.left.type === "number" || n.right.type === "number") {
        const constant = n.left.type === "number" ? n.left.value : (n.right as { value: number }).value;
        const f = compileExpressionTree(n.left.type === "number" ? n.right : n.left);
        const constantLeft = n.left.type === "number";
        switch (n.operator) {
          case "+":
            return (x, T) => f(x, T) + constant;
          case "-":
            return constantLeft ? (x, T) => constant - f(x, T) : (x, T) => f(x, T) - constant;
          case "*":
            return (x, T) => constant * f(x, T);
          case "/":
            return constantLeft ? (x, T) => constant / f(x, T) : (x, T) => f(x, T) / constant;
          case "^":
            return (x, T) => power(constant, f(x, T)); // constant base (constant exponents handled above)
        }
      }
      const b = compileExpressionTree(n.right);
      switch (n.operator) {
        case "+":
          return (x, T) => a(x, T) + b(x, T);
        case "-":
          return (x, T) => a(x, T) - b(x, T);
        case "*":
          return (x, T) => a(x, T) * b(x, T);
        case "/":
          return (x, T) => a(x, T) / b(x, T);
        case "^":
          return (x, T) => power(a(x, T), b(x, T));
      }
      break;
    }
    case "call": {
      const f = compileExpressionTree(n.argument);
      switch (n.name) {
        case "exp":
          return (x, T) => Math.exp(f(x, T));
        case "log":
          return (x, T) => Math.log(f(x, T));
        case "sqrt":
          return (x, T) => Math.sqrt(f(x, T));
        case "tanh":
          return (x, T) => Math.tanh(f(x, T));
        case "cosh":
          return (x, T) => Math.cosh(f(x, T));
        case "sinh":
          return (x, T) => Math.sinh(f(x, T));
        case "abs":
          return (x, T) => Math.abs(f(x, T));
        case "sign":
          return (x, T) => Math.sign(f(x, T));
      }
    }
  }
  throw new Error("unreachable expression node");
}

/** Parses and compiles expression text into f(x, T). */
export function compileExpression(text: string): (x: number, temperature_K: number) => number {
  return compileExpressionTree(parseExpression(text));
}

/** Parses and compiles ∂f/∂x of expression text. */
export function compileExpressionDerivative(text: string): (x: number, temperature_K: number) => number {
  return compileExpressionTree(differentiateExpression(parseExpression(text), "x"));
}

/** Shortest round-trip text of a number (never "Infinity"/"NaN": those are rejected). */
export function formatExpressionNumber(value: number): string {
  if (!Number.isFinite(value)) throw new InputError(`cannot write ${value} in an expression`);
  const text = String(value);
  return value < 0 ? `(${text})` : text;
}
