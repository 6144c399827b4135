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

/** A CSV table as text cells: the header, the data rows and each row's 1-based line number. */
export interface CsvTable {
  readonly source: string;
  readonly columns: string[];
  /** Trimmed cells, one array per data row (blank lines skipped). */
  readonly cells: string[][];
  /** 1-based line number of each data row in the file. */
  readonly lines: number[];
}

/** Parses CSV text with a header row into text cells (no type conversion). */
export function parseCsv(text: string, source = "CSV"): CsvTable {
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
  const cells: string[][] = [];
  const lineNumbers: number[] = [];
  for (let k = headerLine + 1; k < lines.length; k++) {
    const line = lines[k]!;
    if (line.trim() === "") continue;
    const row = splitLine(line);
    if (row.length !== columns.length) {
      throw new CsvError(
        `${source}: line ${k + 1} has ${row.length} cells, the header has ${columns.length}`,
      );
    }
    cells.push(row);
    lineNumbers.push(k + 1);
  }
  if (cells.length === 0) throw new CsvError(`${source}: no data rows after the header`);
  return { source, columns, cells, lines: lineNumbers };
}

function columnIndex(table: CsvTable, name: string): number {
  const j = table.columns.indexOf(name);
  if (j < 0) throw new CsvError(`${table.source}: no column "${name}"; columns: ${table.columns.join(", ")}`);
  return j;
}

function cellNumber(table: CsvTable, i: number, j: number): number {
  const cell = table.cells[i]![j]!;
  const v = cell === "" ? Number.NaN : Number(cell);
  if (!Number.isFinite(v)) {
    throw new CsvError(
      `${table.source}: line ${table.lines[i]}, column "${table.columns[j]}": ${JSON.stringify(cell)} is not a finite number`,
    );
  }
  return v;
}

/** Columns `names` of a text table as a numeric matrix; a non-numeric cell is an error naming its line and column. */
export function numericColumns(table: CsvTable, names: readonly string[]): Matrix {
  const idx = names.map((name) => columnIndex(table, name));
  const rows = table.cells.length;
  const cols = idx.length;
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++)
    for (let c = 0; c < cols; c++) data[i * cols + c] = cellNumber(table, i, idx[c]!);
  return { rows, cols, data };
}

/** The text cells of one column. */
export function textColumn(table: CsvTable, name: string): string[] {
  const j = columnIndex(table, name);
  return table.cells.map((row) => row[j]!);
}

/** Reads a CSV file as text cells. */
export function readCsv(path: string): CsvTable {
  return parseCsv(readText(path), path);
}

/** Parses CSV text with a header row; every data cell must be a finite number. */
export function parseNumericCsv(text: string, source = "CSV"): NumericTable {
  const table = parseCsv(text, source);
  return { columns: table.columns, matrix: numericColumns(table, table.columns) };
}

function readText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CsvError(
      `${path}: ${code === "ENOENT" ? "file not found" : code === "EISDIR" ? "is a directory" : String(error)}`,
    );
  }
}

/** Reads and parses a numeric CSV file. */
export function readNumericCsv(path: string): NumericTable {
  return parseNumericCsv(readText(path), path);
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

/** Quotes a CSV cell when it holds a comma, quote or newline. */
export function quoteCsvCell(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Formats a header and a row-major matrix as CSV text (shortest round-trip number format). */
export function formatCsv(columns: readonly string[], matrix: Matrix): string {
  const lines = [columns.map(quoteCsvCell).join(",")];
  for (let i = 0; i < matrix.rows; i++) {
    lines.push(Array.from(matrix.data.subarray(i * matrix.cols, (i + 1) * matrix.cols), String).join(","));
  }
  return `${lines.join("\n")}\n`;
}
