/** Materials library: active materials, inactive materials and couples as typed data with citations. */
export { activeMaterials } from "./active-materials.js";
export { type Chemistry, chemistries, type ElectrodeRecipe } from "./chemistries.js";
export { inactiveMaterials } from "./inactive-materials.js";
export type { ActiveMaterial, Carrier, InactiveMaterial, PriceRecord } from "./types.js";
