import { InputError } from "../errors.js";

/** A simulation request that cannot run as given; the message names the field, value and unit. */
export class SimulationInputError extends InputError {
  override name = "SimulationInputError";
}
