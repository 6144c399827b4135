/**
 * Electrochemical couples ("chemistries") as data: the two electrode recipes, N/P ratio, separator,
 * electrolyte and couple-level voltage/impedance figures used by the design engine. The "-G"
 * couples are BatPaC 5.0's "Energy" couples [BP5] (recipes 96/2/2 positive, 98/0/2 negative,
 * 25 % porosity, 15 µm Al / 10 µm Cu, 15 µm separator, N/P 1.1, 120 µm thickness limit, couple OCV
 * at 50 % SOC). Na-ion couples use hard carbon on Al foil [OCDD, PET19].
 */
import type { Carrier } from "./types.js";

/** Recipe of one porous electrode. Fractions are by weight and sum to 1. */
export interface ElectrodeRecipe {
  readonly activeMaterialId: string;
  readonly activeFraction: number;
  readonly carbonId: string;
  readonly carbonFraction: number;
  readonly binderId: string;
  readonly binderFraction: number;
  /** Void fraction of the calendered coating, in (0, 1). */
  readonly porosity: number;
  readonly foilId: string;
  readonly foilThickness_m: number;
  /** Slurry solvent; "dry" is a solvent-free (dry-film) route. */
  readonly solvent: "NMP" | "water" | "dry";
}

/** A complete couple record. */
export interface Chemistry {
  readonly id: string;
  readonly carrier: Carrier;
  readonly positive: ElectrodeRecipe;
  readonly negative: ElectrodeRecipe;
  /** Negative-to-positive areal capacity ratio after formation. */
  readonly npRatio: number;
  readonly separatorId: string;
  readonly separatorThickness_m: number;
  readonly separatorPorosity: number;
  readonly electrolyteId: string;
  /** Couple open-circuit voltage at 50 % SOC (energy design point). */
  readonly openCircuitVoltage_V: number;
  /** Couple open-circuit voltage at the power-pulse SOC (20 %). */
  readonly pulseOpenCircuitVoltage_V: number;
  /** Electrochemical area-specific impedance at C/3 (energy mode), 25 °C, per positive area. */
  readonly energyAsi_ohm_cm2: number;
  /** Electrochemical area-specific impedance for a 10 s power pulse, 25 °C, per positive area. */
  readonly powerAsi_ohm_cm2: number;
  /** Maximum positive coating thickness (one side). */
  readonly maxPositiveThickness_m: number;
  readonly citation: string;
}

const nmpPositive = (activeMaterialId: string): ElectrodeRecipe => ({
  activeMaterialId,
  activeFraction: 0.96,
  carbonId: "carbon-black",
  carbonFraction: 0.02,
  binderId: "PVDF",
  binderFraction: 0.02,
  porosity: 0.25,
  foilId: "Al-foil",
  foilThickness_m: 15e-6,
  solvent: "NMP",
});

const graphiteNegative: ElectrodeRecipe = {
  activeMaterialId: "graphite",
  activeFraction: 0.98,
  carbonId: "carbon-black-negative",
  carbonFraction: 0,
  binderId: "CMC-SBR",
  binderFraction: 0.02,
  porosity: 0.25,
  foilId: "Cu-foil",
  foilThickness_m: 10e-6,
  solvent: "water",
};

const hardCarbonNegative: ElectrodeRecipe = {
  ...graphiteNegative,
  activeMaterialId: "hard-carbon",
  activeFraction: 0.96,
  carbonFraction: 0.02,
  porosity: 0.3,
  foilId: "Al-foil",
  foilThickness_m: 15e-6,
};

function liCouple(
  id: string,
  positiveId: string,
  openCircuitVoltage_V: number,
  pulseOpenCircuitVoltage_V: number,
  citation = "BP5",
): Chemistry {
  return {
    id,
    carrier: "Li",
    positive: nmpPositive(positiveId),
    negative: graphiteNegative,
    npRatio: 1.1,
    separatorId: "PE-PP-separator",
    separatorThickness_m: 15e-6,
    separatorPorosity: 0.5,
    electrolyteId: "LiPF6-EC-DMC",
    openCircuitVoltage_V,
    pulseOpenCircuitVoltage_V,
    energyAsi_ohm_cm2: 15,
    powerAsi_ohm_cm2: 15,
    maxPositiveThickness_m: 120e-6,
    citation,
  };
}

function naCouple(id: string, positiveId: string, ocv_V: number, pulse_V: number): Chemistry {
  return {
    ...liCouple(id, positiveId, ocv_V, pulse_V, "OCDD; PET19; VX24 §2"),
    carrier: "Na",
    negative: hardCarbonNegative,
    positive: {
      ...nmpPositive(positiveId),
      activeFraction: 0.92,
      carbonFraction: 0.04,
      binderFraction: 0.04,
    },
    npRatio: 1.1,
    electrolyteId: "NaPF6-EC-DMC",
  };
}

const list: Chemistry[] = [
  liCouple("NMC811-G", "NMC811", 3.71, 3.6),
  liCouple("NMC622-G", "NMC622", 3.71, 3.6),
  liCouple("NMC532-G", "NMC532", 3.7, 3.6),
  liCouple("NMC333-G", "NMC333", 3.71, 3.6),
  liCouple("NCA-G", "NCA", 3.7, 3.6),
  liCouple("LFP-G", "LFP", 3.32, 3.25),
  liCouple("LMO-G", "LMO", 3.96, 3.9),
  liCouple("LCO-G", "LCO", 3.8, 3.7, "VX24 §2"),
  liCouple("LNMO-G", "LNMO", 4.55, 4.45, "VX24 §2"),
  naCouple("NaNMC-HC", "NaNMC", 3.1, 2.95),
  naCouple("NMMT-HC", "NMMT", 2.95, 2.8),
];

/** Couples by id (e.g. "NMC811-G", "LFP-G", "NaNMC-HC"). */
export const chemistries: Readonly<Record<string, Chemistry>> = Object.fromEntries(
  list.map((c) => [c.id, c]),
);
