/**
 * Experiment text ↔ data. Grammar (case-insensitive; steps separated by ";" or new lines):
 *
 *   experiment := item (";" item)*
 *   item       := step | ("[" | "(") step (";" step)* ("]" | ")") ("x" | "×" | "*") N
 *   step       := ("Discharge" | "Charge") "at" rate tail
 *               | "Hold" "at" voltage tail | "Rest" tail
 *               | "Run" ("current" | "power") "profile" NAME tail
 *   rate       := number ("C" | "A" | "mA" | "W" | "mW") | "C/" number
 *   tail       := ["for" number time-unit] [["or"] "until" condition ("or" condition)*]
 *   condition  := number ("V" | "mV") | number ("A" | "mA" | "C") | "C/" number | number "%" "SOC"
 *
 * e.g. "Discharge at C/3 for 2 hours or until 3.3 V", "[Discharge at 1C until 3 V; Charge at 1C until
 * 4.2 V] x 3". Profiles named by "Run … profile NAME" are supplied in `options.profiles`.
 */
import { InputError } from "../errors.js";
import {
  type Experiment,
  type ExperimentStep,
  isRepeatBlock,
  type LoadProfileData,
  type RepeatBlock,
  type StepCondition,
} from "./experiment.js";

/** The forms a step may take, quoted in every syntax error. */
export const experimentStepForms: readonly string[] = [
  "Discharge at 1C until 2.5 V",
  "Charge at 0.5C until 4.2 V",
  "Discharge at 5 A for 10 minutes",
  "Discharge at 15 W until 3 V",
  "Discharge at C/3 for 2 hours or until 3.3 V",
  "Charge at 1C until 80% SOC",
  "Hold at 4.2 V until C/50",
  "Rest for 1 hour",
  "Run current profile <name> (or: Run power profile <name>)",
  "[<step>; <step>] x 3",
];

/** Unparseable or meaningless experiment text; `position` is the 0-based offset in the text. */
export class ExperimentSyntaxError extends InputError {
  override name = "ExperimentSyntaxError";
  constructor(
    message: string,
    readonly position: number,
    readonly expected: readonly string[],
  ) {
    super(message);
  }
}

export interface ParseExperimentOptions {
  /** Load profiles referenced by "Run current profile <name>" steps. */
  readonly profiles?: Readonly<Record<string, LoadProfileData>>;
}

type TokenKind = "number" | "word" | "symbol";
interface Token {
  kind: TokenKind;
  text: string;
  position: number;
  value: number;
}

const TOKEN =
  /[ \t\r]*(?:(\d+(?:\.\d*)?(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)|([A-Za-z_][A-Za-z0-9_-]*)|([;/%[\]()×*\n]))/y;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    TOKEN.lastIndex = at;
    const match = TOKEN.exec(text);
    if (match === null) {
      if (/^[ \t\r]*$/.test(text.slice(at))) break;
      const skipped = text.slice(at).match(/^[ \t\r]*/)![0].length;
      const position = at + skipped;
      throw new ExperimentSyntaxError(
        `experiment: unexpected character "${text[position]}" at position ${position + 1}; expected a step such as ${experimentStepForms
          .slice(0, 3)
          .map((f) => `"${f}"`)
          .join(", ")}`,
        position,
        experimentStepForms,
      );
    }
    const start = match.index + match[0].length - (match[1] ?? match[2] ?? match[3])!.length;
    if (match[1] !== undefined)
      tokens.push({ kind: "number", text: match[1], position: start, value: Number(match[1]) });
    else if (match[2] !== undefined)
      tokens.push({ kind: "word", text: match[2], position: start, value: Number.NaN });
    else {
      const symbol = match[3] === "\n" ? ";" : match[3]!;
      tokens.push({ kind: "symbol", text: symbol, position: start, value: Number.NaN });
    }
    at = TOKEN.lastIndex;
  }
  return tokens;
}

const TIME_UNITS: Readonly<Record<string, number>> = {
  s: 1,
  sec: 1,
  secs: 1,
  second: 1,
  seconds: 1,
  min: 60,
  mins: 60,
  minute: 60,
  minutes: 60,
  h: 3600,
  hr: 3600,
  hrs: 3600,
  hour: 3600,
  hours: 3600,
};

class Parser {
  private i = 0;
  constructor(
    private readonly text: string,
    private readonly tokens: Token[],
    private readonly options: ParseExperimentOptions,
  ) {}

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.i + offset];
  }

  private isWord(token: Token | undefined, ...words: string[]): boolean {
    return token?.kind === "word" && words.includes(token.text.toLowerCase());
  }

  private isSymbol(token: Token | undefined, ...symbols: string[]): boolean {
    return token?.kind === "symbol" && symbols.includes(token.text);
  }

  /** Throws a syntax error at the current token naming what was expected and the step around it. */
  fail(expected: string, detail?: string, token = this.peek()): never {
    const position = token?.position ?? this.text.length;
    const found = token === undefined ? "the end of the text" : `"${token.text}"`;
    const stepText = this.stepTextAround(position);
    throw new ExperimentSyntaxError(
      `experiment step "${stepText}": ${detail ?? `expected ${expected} but found ${found}`} (position ${position + 1}). ` +
        `Steps look like: ${experimentStepForms.map((f) => `"${f}"`).join(", ")}`,
      position,
      [expected],
    );
  }

  private stepTextAround(position: number): string {
    const before = this.text.slice(0, position);
    const start =
      Math.max(
        before.lastIndexOf(";"),
        before.lastIndexOf("["),
        before.lastIndexOf("("),
        before.lastIndexOf("\n"),
      ) + 1;
    const rest = this.text.slice(start);
    const end = rest.search(/[;\])\n]/);
    return (end < 0 ? rest : rest.slice(0, end)).trim();
  }

  private expectWord(expected: string, ...words: string[]): Token {
    const token = this.peek();
    if (!this.isWord(token, ...words)) this.fail(expected);
    this.i++;
    return token!;
  }

  private expectNumber(expected: string): number {
    const token = this.peek();
    if (token?.kind !== "number") this.fail(expected);
    this.i++;
    if (!(token!.value > 0) || !Number.isFinite(token!.value)) {
      this.fail(expected, `${expected} must be a positive number, got ${token!.text}`, token);
    }
    return token!.value;
  }

  parseExperiment(): Experiment {
    const steps: (ExperimentStep | RepeatBlock)[] = [];
    while (this.i < this.tokens.length) {
      if (this.isSymbol(this.peek(), ";")) {
        this.i++;
        continue;
      }
      steps.push(this.isSymbol(this.peek(), "[", "(") ? this.parseBlock() : this.parseStep());
      const next = this.peek();
      if (next !== undefined && !this.isSymbol(next, ";")) this.fail('";" between steps');
    }
    if (steps.length === 0) this.fail("at least one step");
    return { kind: "cellforge.experiment", schemaVersion: 1, steps };
  }

  private parseBlock(): RepeatBlock {
    const open = this.peek()!;
    const close = open.text === "[" ? "]" : ")";
    this.i++;
    const steps: ExperimentStep[] = [];
    while (!this.isSymbol(this.peek(), close)) {
      if (this.peek() === undefined)
        this.fail(`"${close}" closing the block opened at position ${open.position + 1}`);
      if (this.isSymbol(this.peek(), ";")) {
        this.i++;
        continue;
      }
      if (this.isSymbol(this.peek(), "[", "(")) this.fail("a step", "repeat blocks cannot be nested");
      steps.push(this.parseStep());
      if (!this.isSymbol(this.peek(), ";", close)) this.fail(`";" or "${close}"`);
    }
    if (steps.length === 0) this.fail("a step inside the block");
    this.i++;
    // "x 3", "× 3", "* 3" or "x3".
    const times = this.peek();
    let repeat: number | undefined;
    if (this.isSymbol(times, "×", "*") || this.isWord(times, "x")) {
      this.i++;
      const n = this.peek();
      if (n?.kind === "number") {
        repeat = n.value;
        this.i++;
      }
    } else if (times?.kind === "word" && /^x\d+$/i.test(times.text)) {
      repeat = Number(times.text.slice(1));
      this.i++;
    }
    if (repeat === undefined) this.fail(`a repeat count after "${close}", e.g. "${close} x 3"`);
    if (!Number.isInteger(repeat) || repeat < 1)
      this.fail("a whole repeat count ≥ 1", `repeat count ${repeat} must be a whole number ≥ 1`);
    return { repeat, steps };
  }

  private parseStep(): ExperimentStep {
    const first = this.peek();
    const action = first?.kind === "word" ? first.text.toLowerCase() : "";
    let step: ExperimentStep;
    if (action === "discharge" || action === "charge") {
      this.i++;
      this.expectWord('"at"', "at");
      step = this.parseRate(action);
    } else if (action === "hold") {
      this.i++;
      this.expectWord('"at"', "at");
      const value = this.expectNumber("a voltage");
      const unit = this.expectWord('a voltage unit "V" or "mV"', "v", "mv");
      step = { kind: "voltage-hold", voltage_V: unit.text.toLowerCase() === "mv" ? value / 1000 : value };
    } else if (action === "rest") {
      this.i++;
      step = { kind: "rest" };
    } else if (action === "run") {
      this.i++;
      const quantity = this.expectWord('"current" or "power"', "current", "power").text.toLowerCase() as
        | "current"
        | "power";
      this.expectWord('"profile"', "profile");
      const nameToken = this.peek();
      if (nameToken?.kind !== "word") this.fail("a profile name (letters, digits, _ or -)");
      this.i++;
      step = this.profileStep(quantity, nameToken!);
    } else {
      this.fail('"Discharge", "Charge", "Hold", "Rest" or "Run"');
    }
    this.parseTail(step, first!);
    return step;
  }

  private profileStep(quantity: "current" | "power", nameToken: Token): ExperimentStep {
    const name = nameToken.text;
    const profiles = this.options.profiles ?? {};
    const profile = profiles[name];
    if (profile === undefined) {
      const known = Object.keys(profiles);
      this.fail(
        "a supplied profile",
        `no load profile named "${name}" was supplied (${known.length ? `supplied: ${known.join(", ")}` : "none supplied; pass it with the experiment, e.g. --current-profile"})`,
        nameToken,
      );
    }
    const has = quantity === "current" ? "current_A" in profile : "power_W" in profile;
    if (!has)
      this.fail(
        `a ${quantity} profile`,
        `profile "${name}" holds ${quantity === "current" ? "power" : "current"}, not ${quantity}`,
        nameToken,
      );
    return { kind: "profile", quantity, name, profile };
  }

  private parseRate(direction: "discharge" | "charge"): ExperimentStep {
    const rateForms = 'a rate such as "1C", "C/3", "5 A", "500 mA", "15 W" or "200 mW"';
    const token = this.peek();
    if (this.isWord(token, "c") && this.isSymbol(this.peek(1), "/")) {
      this.i += 2;
      return { kind: "current", direction, cRate: 1 / this.expectNumber("a C-rate divisor") };
    }
    if (token?.kind !== "number") this.fail(rateForms);
    const value = this.expectNumber(rateForms);
    const unit = this.peek();
    const u = unit?.kind === "word" ? unit.text.toLowerCase() : "";
    if (!["c", "a", "ma", "w", "mw"].includes(u))
      this.fail('a unit after the number: "C", "A", "mA", "W" or "mW"');
    this.i++;
    if (u === "c") return { kind: "current", direction, cRate: value };
    if (u === "a" || u === "ma")
      return { kind: "current", direction, current_A: u === "ma" ? value / 1000 : value };
    return { kind: "power", direction, power_W: u === "mw" ? value / 1000 : value };
  }

  private parseTail(step: ExperimentStep, first: Token): void {
    if (this.isWord(this.peek(), "for")) {
      this.i++;
      const value = this.expectNumber("a duration");
      const unit = this.peek();
      const seconds = unit?.kind === "word" ? TIME_UNITS[unit.text.toLowerCase()] : undefined;
      if (seconds === undefined) this.fail('a time unit: "seconds", "minutes" or "hours" (or s, min, h)');
      this.i++;
      step.duration_s = value * seconds;
      if (this.isWord(this.peek(), "or")) this.i++;
    }
    if (this.isWord(this.peek(), "until")) {
      this.i++;
      const until: StepCondition[] = [this.parseCondition()];
      while (this.isWord(this.peek(), "or")) {
        this.i++;
        if (this.isWord(this.peek(), "until")) this.i++;
        until.push(this.parseCondition());
      }
      step.until = until;
    }
    const next = this.peek();
    if (next !== undefined && !this.isSymbol(next, ";", "]", ")")) {
      this.fail(
        step.until
          ? '"or" and another condition, or the end of the step'
          : '"for <duration>", "until <condition>" or the end of the step',
      );
    }
    this.checkMeaning(step, first);
  }

  private parseCondition(): StepCondition {
    const forms = 'a condition such as "2.5 V", "C/50", "50 mA" or "80% SOC"';
    if (this.isWord(this.peek(), "c") && this.isSymbol(this.peek(1), "/")) {
      this.i += 2;
      return { kind: "current", cRate: 1 / this.expectNumber("a C-rate divisor") };
    }
    const value = this.expectNumber(forms);
    const unit = this.peek();
    if (this.isSymbol(unit, "%")) {
      this.i++;
      this.expectWord('"SOC" after the percentage', "soc");
      if (value > 100)
        this.fail("a state of charge from 0 to 100 %", `state of charge ${value}% is above 100%`, unit);
      return { kind: "soc", stateOfCharge_percent: value };
    }
    const u = unit?.kind === "word" ? unit.text.toLowerCase() : "";
    if (!["v", "mv", "a", "ma", "c"].includes(u))
      this.fail('a unit after the number: "V", "mV", "A", "mA", "C" or "% SOC"');
    this.i++;
    if (u === "v" || u === "mv") return { kind: "voltage", voltage_V: u === "mv" ? value / 1000 : value };
    if (u === "c") return { kind: "current", cRate: value };
    return { kind: "current", current_A: u === "ma" ? value / 1000 : value };
  }

  private checkMeaning(step: ExperimentStep, first: Token): void {
    const until = step.until ?? [];
    const bad = (detail: string) => this.fail("a meaningful step", detail, first);
    if (step.kind === "rest" && (step.duration_s === undefined || until.length > 0)) {
      bad('a rest needs a duration and no "until" condition, e.g. "Rest for 1 hour"');
    }
    if (step.kind === "voltage-hold") {
      if (step.duration_s === undefined && until.length === 0)
        bad('a voltage hold needs "until <current>" or "for <duration>", e.g. "Hold at 4.2 V until C/50"');
      if (until.some((c) => c.kind !== "current"))
        bad('a voltage hold can only end on current ("until C/50", "until 50 mA") or time');
    }
    if (step.kind === "current" && until.some((c) => c.kind === "current")) {
      bad(
        'a constant-current step cannot end on current; use "until <voltage>", "until <n>% SOC" or "for <duration>"',
      );
    }
  }
}

/**
 * Parses experiment text ("Discharge at 1C until 2.5 V; Rest for 1 hour") or an array of such strings
 * (joined by ";"). Throws ExperimentSyntaxError with the position and the expected forms.
 */
export function parseExperiment(
  text: string | readonly string[],
  options: ParseExperimentOptions = {},
): Experiment {
  const joined = typeof text === "string" ? text : text.join("; ");
  return new Parser(joined, tokenize(joined), options).parseExperiment();
}

/** Parses one step (no repeat blocks). */
export function parseStep(text: string, options: ParseExperimentOptions = {}): ExperimentStep {
  const e = parseExperiment(text, options);
  const only = e.steps[0]!;
  if (e.steps.length !== 1 || isRepeatBlock(only)) {
    throw new ExperimentSyntaxError(
      `experiment step "${text}": expected exactly one step`,
      0,
      experimentStepForms,
    );
  }
  return only;
}
