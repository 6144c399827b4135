/** Reads drive-cycle / load-profile CSV files (time_s, current_A or power_W) from disk. */
import { readFileSync } from "node:fs";
import { type LoadProfile, LoadProfileError, parseLoadProfileCsv } from "../core/protocols/index.js";

function readText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === "ENOENT" ? "file not found" : (error as Error).message;
    throw new LoadProfileError(`load profile ${path}: ${reason}`);
  }
}

/** A current or power profile from a CSV file; errors name the file and the line. */
export function readLoadProfileFile(path: string): LoadProfile {
  try {
    return parseLoadProfileCsv(readText(path));
  } catch (error) {
    if (error instanceof LoadProfileError && !error.message.startsWith(`load profile ${path}`)) {
      throw new LoadProfileError(`${path}: ${error.message}`);
    }
    throw error;
  }
}

/** A current profile (time_s, current_A; positive = discharge) from a CSV file. */
export function readCurrentProfileFile(path: string): { time_s: Float64Array; current_A: Float64Array } {
  const profile = readLoadProfileFile(path);
  if (profile.quantity !== "current") {
    throw new LoadProfileError(`${path}: holds power, not current (columns time_s,current_A expected)`);
  }
  return { time_s: profile.time_s, current_A: profile.current_A };
}
