/**
 * Reader for the Brosa Planella et al. (2021) LG M50 tester exports (Basytec-style CSV: 12 header lines,
 * column names, then rows with a `Status` column PAU/DCH/CHA). Returns the first constant-current discharge
 * and the rest voltage just before it.
 */
export interface MeasuredDischarge {
  /** Time from the start of the discharge (s). */
  time_s: number[];
  voltage_V: number[];
  /** Discharge positive (A). */
  current_A: number[];
  /** Mean of the available cell thermocouples (K); NaN where none. */
  temperature_K: number[];
  /** Last voltage of the rest before the discharge (≈ OCV). */
  restVoltage_V: number;
  /** Charge delivered (Ah). */
  capacity_Ah: number;
}

export function parseLgM50Discharge(text: string, fileLabel = "LG M50 file"): MeasuredDischarge {
  const lines = text.split(/\r?\n/);
  const headerIndex = lines.findIndex((l) => l.startsWith("Step,Status,"));
  if (headerIndex < 0) throw new Error(`${fileLabel}: no "Step,Status,…" header row found`);
  const columns = lines[headerIndex]!.split(",").map((c) => c.trim());
  const col = (name: string) => columns.indexOf(name);
  const iStep = col("Step");
  const iStatus = col("Status");
  const iTime = col("Prog Time");
  const iVoltage = col("Voltage");
  const iCurrent = col("Current");
  const temperatureColumns = ["LogTempMid", "LogTemp001", "LogTempPositive", "LogTempNegative"]
    .map(col)
    .filter((k) => k >= 0);
  const result: MeasuredDischarge = {
    time_s: [],
    voltage_V: [],
    current_A: [],
    temperature_K: [],
    restVoltage_V: Number.NaN,
    capacity_Ah: 0,
  };
  let step = "";
  let t0 = Number.NaN;
  let lastRest = Number.NaN;
  for (const line of lines.slice(headerIndex + 1)) {
    const cells = line.split(",");
    const status = cells[iStatus];
    if (status === "PAU" && step === "") lastRest = Number(cells[iVoltage]);
    if (status !== "DCH") {
      if (step !== "") break;
      continue;
    }
    if (step === "") {
      step = cells[iStep]!;
      t0 = Number(cells[iTime]);
      result.restVoltage_V = lastRest;
    }
    if (cells[iStep] !== step) break;
    result.time_s.push(Number(cells[iTime]) - t0);
    result.voltage_V.push(Number(cells[iVoltage]));
    result.current_A.push(-Number(cells[iCurrent]));
    const temps = temperatureColumns
      .map((k) => Number(cells[k]))
      .filter((v) => Number.isFinite(v) && v !== 0);
    result.temperature_K.push(
      temps.length === 0 ? Number.NaN : temps.reduce((s, v) => s + v, 0) / temps.length + 273.15,
    );
  }
  if (result.time_s.length < 2) throw new Error(`${fileLabel}: no discharge (Status = DCH) rows found`);
  for (let k = 1; k < result.time_s.length; k++) {
    const dt = result.time_s[k]! - result.time_s[k - 1]!;
    result.capacity_Ah += (0.5 * (result.current_A[k]! + result.current_A[k - 1]!) * dt) / 3600;
  }
  return result;
}
