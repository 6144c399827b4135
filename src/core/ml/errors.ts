/** The error thrown by core/ml for bad data, hyperparameters or model JSON (an `InputError`: CLI exit 2). */
import { InputError } from "../errors.js";

/** Bad input to an estimator, metric, splitter or registry; the message names the field and value. */
export class MlInputError extends InputError {
  override name = "MlInputError";
}
