/**
 * Typed material records: every number carries its unit in the field name and every record a
 * citation tag resolved in `docs/models/economics.md` (§ Sources).
 */

/** Ion that shuttles between the electrodes. */
export type Carrier = "Li" | "Na";

/** Where a price came from: value, basis year and a source tag. */
export interface PriceRecord {
  readonly price_USD_per_kg: number;
  readonly year: number;
  readonly source: string;
}

/** An electrochemically active material (positive or negative host). */
export interface ActiveMaterial {
  readonly id: string;
  readonly name: string;
  readonly role: "positive" | "negative";
  readonly carrier: Carrier;
  /** Reversible specific capacity used for design (BatPaC "after formation" basis). */
  readonly specificCapacity_mAh_per_g: number;
  /** Average potential vs. the carrier metal over the usable window. */
  readonly averagePotential_V: number;
  /** Crystallographic (solid) density. */
  readonly density_g_per_cm3: number;
  readonly price: PriceRecord;
  /** Element mass fractions (kg element per kg material), for recycling and bottom-up pricing. */
  readonly elementMassFraction: Readonly<Record<string, number>>;
  /** Cradle-to-gate emission factor of the material. */
  readonly gwp_kgCO2e_per_kg: number;
  readonly citation: string;
}

/** Binders, conductive carbons, solvents, foils, separators, electrolytes and hardware metals. */
export interface InactiveMaterial {
  readonly id: string;
  readonly name: string;
  readonly kind: "binder" | "carbon" | "solvent" | "foil" | "separator" | "electrolyte" | "hardware";
  readonly density_g_per_cm3: number;
  readonly price: PriceRecord;
  /** Price per area for sheet goods (foils, separators) at the stated thickness, when quoted that way. */
  readonly areaPrice_USD_per_m2?: number;
  /** Price per litre for liquids (electrolytes), when quoted that way. */
  readonly volumePrice_USD_per_L?: number;
  /** Electrical resistivity (foils and conductors only). */
  readonly resistivity_ohm_m?: number;
  /** Latent heat of vaporisation (solvents only). */
  readonly latentHeat_J_per_kg?: number;
  /** Liquid heat capacity (solvents only). */
  readonly heatCapacity_J_per_kg_K?: number;
  /** Boiling point (solvents only). */
  readonly boilingPoint_K?: number;
  readonly gwp_kgCO2e_per_kg: number;
  readonly citation: string;
}
