/**
 * Numeric CSV tables ↔ matrices for the ML commands: a header row, comma-separated numeric cells.
 * Errors name the file, the row (1-based line number) and the column.
 */
import { readFileSync } from "node:fs";
import { InputError } from "../core/errors.js";
import type { Matrix } from "../core/ml/estimator.js";

/** An error in a CSV file (an InputError: CLI exit 2). */
export class CsvError extends InputError {
  override name = "CsvError";
}

/** A numeric table: column names and a row-major matrix. */
export interface NumericTable {
  readonly columns: string[];
  readonly matrix: Matrix;
}

function splitLine(line: string): string[] {
  const cells: string[] = [];
  let cur = "";
  let quoted = false;
  for (let k = 0; k < line.length; k++) {
    const ch = line[k]!;
    if (quoted) {
      if (ch === '"' && line[k + 1] === '"') {
        cur += '"';
        k++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      cells.push(cur);
      cur = "";
    } else cur += ch;
  }
  cells.push(cur);
  return cells.map((c) => c.trim());
}

/** Parses CSV text with a header row; every data cell must be a finite number. */
export function parseNumericCsv(text: string, source = "CSV"): NumericTable {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  let headerLine = -1;
  for (let k = 0; k < lines.length; k++) {
    if (lines[k]!.trim() !== "") {
      headerLine = k;
      break;
    }
  }
  if (headerLine < 0) throw new CsvError(`${source}: the file is empty (expected a header row)`);
  const columns = splitLine(lines[headerLine]!);
  columns.forEach((c, j) => {
    if (c === "") throw new CsvError(`${source}: header column ${j + 1} has no name`);
  });
  const dup = columns.find((c, j) => columns.indexOf(c) !== j);
  if (dup !== undefined) throw new CsvError(`${source}: column "${dup}" appears twice in the header`);
  const values: number[] = [];
  let rows = 0;
  for (let k = headerLine + 1; k < lines.length; k++) {
    const line = lines[k]!;
    if (line.trim() === "") continue;
    const cells = splitLine(line);
    if (cells.length !== columns.length) {
      throw new CsvError(
        `${source}: line ${k + 1} has ${cells.length} cells, the header has ${columns.length}`,
      );
    }
    cells.forEach((cell, j) => {
      const v = cell === "" ? Number.NaN : Number(cell);
      if (!Number.isFinite(v)) {
        throw new CsvError(
          `${source}: line ${k + 1}, column "${columns[j]}": ${JSON.stringify(cell)} is not a finite number`,
        );
      }
      values.push(v);
    });
    rows++;
  }
  if (rows === 0) throw new CsvError(`${source}: no data rows after the header`);
  return { columns, matrix: { rows, cols: columns.length, data: Float64Array.from(values) } };
}

/** Reads and parses a numeric CSV file. */
export function readNumericCsv(path: string): NumericTable {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CsvError(
      `${path}: ${code === "ENOENT" ? "file not found" : code === "EISDIR" ? "is a directory" : String(error)}`,
    );
  }
  return parseNumericCsv(text, path);
}

/** Columns `names` of a table as a matrix (error names the missing column and the available ones). */
export function selectColumns(table: NumericTable, names: readonly string[], source = "CSV"): Matrix {
  const idx = names.map((name) => {
    const j = table.columns.indexOf(name);
    if (j < 0) throw new CsvError(`${source}: no column "${name}"; columns: ${table.columns.join(", ")}`);
    return j;
  });
  const { rows, cols, data } = table.matrix;
  const out = new Float64Array(rows * idx.length);
  for (let i = 0; i < rows; i++)
    for (let c = 0; c < idx.length; c++) out[i * idx.length + c] = data[i * cols + idx[c]!]!;
  return { rows, cols: idx.length, data: out };
}

/** Formats a header and a row-major matrix as CSV text (shortest round-trip number format). */
export function formatCsv(columns: readonly string[], matrix: Matrix): string {
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [columns.map(quote).join(",")];
  for (let i = 0; i < matrix.rows; i++) {
    lines.push(Array.from(matrix.data.subarray(i * matrix.cols, (i + 1) * matrix.cols), String).join(","));
  }
  return `${lines.join("\n")}\n`;
}
