/**
 * The base class of every error caused by the caller's input (a bad parameter, experiment, design, data
 * file or flag). Its message names the field, the value and the unit. The CLI prints it as one line and
 * exits with code 2; anything else escaping is a bug.
 */
export class InputError extends Error {
  override name = "InputError";
}
