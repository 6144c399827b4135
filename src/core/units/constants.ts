/**
 * Physical constants (CODATA 2018 exact SI values) and unit conversions used across cellforge.
 * Names carry their units; every other module imports constants from here.
 */

/** Faraday constant F = e·N_A. */
export const faradayConstant_C_per_mol = 96485.33212;
/** Molar gas constant R = k_B·N_A. */
export const gasConstant_J_per_mol_K = 8.314462618;
/** Boltzmann constant. */
export const boltzmannConstant_J_per_K = 1.380649e-23;
/** Elementary charge. */
export const elementaryCharge_C = 1.602176634e-19;
/** Avogadro constant. */
export const avogadroConstant_per_mol = 6.02214076e23;
/** Stefan–Boltzmann constant. */
export const stefanBoltzmannConstant_W_per_m2_K4 = 5.670374419e-8;
/** 0 °C in kelvin. */
export const zeroCelsius_K = 273.15;

export const secondsPerHour_s = 3600;
export const secondsPerMinute_s = 60;
/** Coulombs in one ampere-hour. */
export const coulombsPerAmpereHour_C = 3600;

export function celsiusToKelvin(temperature_C: number): number {
  return temperature_C + zeroCelsius_K;
}

export function kelvinToCelsius(temperature_K: number): number {
  return temperature_K - zeroCelsius_K;
}
