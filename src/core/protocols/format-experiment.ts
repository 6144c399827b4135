/** Canonical text of experiments and steps (the inverse of ./parse-experiment.ts). */
import { type Experiment, type ExperimentStep, isRepeatBlock, type StepCondition } from "./experiment.js";

function formatNumber(value: number): string {
  return String(value);
}

function formatCRate(cRate: number): string {
  const n = Math.round(1 / cRate);
  if (cRate < 1 && n >= 2 && 1 / n === cRate) return `C/${n}`;
  return `${formatNumber(cRate)}C`;
}

function formatDuration(duration_s: number): string {
  const plural = (v: number, unit: string) => `${formatNumber(v)} ${unit}${v === 1 ? "" : "s"}`;
  if (duration_s % 3600 === 0) return plural(duration_s / 3600, "hour");
  if (duration_s % 60 === 0) return plural(duration_s / 60, "minute");
  return plural(duration_s, "second");
}

function formatCondition(c: StepCondition): string {
  if (c.kind === "voltage") return `${formatNumber(c.voltage_V)} V`;
  if (c.kind === "soc") return `${formatNumber(c.stateOfCharge_percent)}% SOC`;
  return "cRate" in c ? formatCRate(c.cRate) : `${formatNumber(c.current_A)} A`;
}

/** Canonical text of one step; parseStep(formatStep(s)) equals s (profiles passed again by name). */
export function formatStep(s: ExperimentStep): string {
  let text: string;
  const verb = (d: "discharge" | "charge") => (d === "discharge" ? "Discharge" : "Charge");
  switch (s.kind) {
    case "current":
      text = `${verb(s.direction)} at ${"cRate" in s ? formatCRate(s.cRate) : `${formatNumber(s.current_A)} A`}`;
      break;
    case "power":
      text = `${verb(s.direction)} at ${formatNumber(s.power_W)} W`;
      break;
    case "voltage-hold":
      text = `Hold at ${formatNumber(s.voltage_V)} V`;
      break;
    case "rest":
      text = "Rest";
      break;
    case "profile":
      text = `Run ${s.quantity} profile ${s.name}`;
      break;
  }
  if (s.duration_s !== undefined) text += ` for ${formatDuration(s.duration_s)}`;
  if (s.until !== undefined && s.until.length > 0) {
    text += `${s.duration_s !== undefined ? " or" : ""} until ${s.until.map(formatCondition).join(" or ")}`;
  }
  return text;
}

/** Canonical text of an experiment: steps joined by "; ", repeated blocks as "[a; b] x N". */
export function formatExperiment(e: Experiment): string {
  return e.steps
    .map((item) =>
      isRepeatBlock(item) ? `[${item.steps.map(formatStep).join("; ")}] x ${item.repeat}` : formatStep(item),
    )
    .join("; ");
}
