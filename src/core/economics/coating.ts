/**
 * Porous-coating relations of the BatPaC 5.0 design method (README §1.1 steps 1–3):
 * ρ_coat = (1 − ε) / Σ w_i/ρ_i, Q_vol = q_AM · w_AM · ρ_coat.
 * @see Knehr et al., BatPaC 5.0 manual, ANL-22/3 (2022), doi 10.2172/1877590
 */
import { activeMaterials } from "../materials/active-materials.js";
import type { ElectrodeRecipe } from "../materials/chemistries.js";
import { inactiveMaterials } from "../materials/inactive-materials.js";
import { DesignInputError, requireRange } from "./errors.js";

/** Derived properties of one electrode coating (SI: kg/m³, C/m³ → stored as Ah/m³). */
export interface CoatingProperties {
  /** Bulk density of the porous coating. */
  readonly coatingDensity_kg_per_m3: number;
  /** Capacity per coating volume. */
  readonly volumetricCapacity_Ah_per_m3: number;
  /** Capacity per mass of active material. */
  readonly specificCapacity_Ah_per_kg: number;
  readonly activeFraction: number;
  readonly carbonFraction: number;
  readonly binderFraction: number;
  readonly porosity: number;
}

/** Validates a recipe (fractions sum to 1, porosity in (0,1), known materials) and returns its coating properties. */
export function coatingProperties(recipe: ElectrodeRecipe, field: string): CoatingProperties {
  const active = activeMaterials[recipe.activeMaterialId];
  if (!active) {
    throw new DesignInputError(
      `${field}.activeMaterialId`,
      recipe.activeMaterialId,
      "",
      `one of ${Object.keys(activeMaterials).join(", ")}`,
    );
  }
  const carbon = inactiveMaterials[recipe.carbonId];
  const binder = inactiveMaterials[recipe.binderId];
  if (!carbon) throw new DesignInputError(`${field}.carbonId`, recipe.carbonId, "", "a known carbon id");
  if (!binder) throw new DesignInputError(`${field}.binderId`, recipe.binderId, "", "a known binder id");
  requireRange(`${field}.activeFraction`, recipe.activeFraction, "", 0, 1, false);
  requireRange(`${field}.carbonFraction`, recipe.carbonFraction, "", 0, 1, false);
  requireRange(`${field}.binderFraction`, recipe.binderFraction, "", 0, 1, false);
  requireRange(`${field}.porosity`, recipe.porosity, "", 0, 1, true);
  if (recipe.activeFraction <= 0) {
    throw new DesignInputError(`${field}.activeFraction`, recipe.activeFraction, "", "a fraction in (0, 1]");
  }
  const sum = recipe.activeFraction + recipe.carbonFraction + recipe.binderFraction;
  if (Math.abs(sum - 1) > 1e-6) {
    throw new DesignInputError(
      `${field}.activeFraction+carbonFraction+binderFraction`,
      Number(sum.toFixed(6)),
      "",
      "weight fractions summing to 1 (±1e-6)",
    );
  }
  const specificVolume_cm3_per_g =
    recipe.activeFraction / active.density_g_per_cm3 +
    recipe.carbonFraction / carbon.density_g_per_cm3 +
    recipe.binderFraction / binder.density_g_per_cm3;
  const coatingDensity_kg_per_m3 = ((1 - recipe.porosity) / specificVolume_cm3_per_g) * 1000;
  const specificCapacity_Ah_per_kg = active.specificCapacity_mAh_per_g; // mAh/g ≡ Ah/kg
  return {
    coatingDensity_kg_per_m3,
    volumetricCapacity_Ah_per_m3:
      specificCapacity_Ah_per_kg * recipe.activeFraction * coatingDensity_kg_per_m3,
    specificCapacity_Ah_per_kg,
    activeFraction: recipe.activeFraction,
    carbonFraction: recipe.carbonFraction,
    binderFraction: recipe.binderFraction,
    porosity: recipe.porosity,
  };
}
