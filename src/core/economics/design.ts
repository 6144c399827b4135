/**
 * Design engine after the BatPaC 5.0 method (README §1.1): chemistry + cell format + pack targets →
 * electrode thicknesses with the binding limit named, layer count, capacity, mass/volume breakdown,
 * Wh/kg and Wh/L at cell and pack level. Stacked pouch and prismatic can follow BatPaC's bicell
 * stack; cylindrical and coin cells use a wound / single-layer geometry in the same mass balance.
 * @see Knehr et al., BatPaC 5.0 manual, ANL-22/3 (2022), doi 10.2172/1877590
 */
import { inactiveMaterials } from "../materials/inactive-materials.js";
import { type CoatingProperties, coatingProperties } from "./coating.js";
import type {
  CellBillOfMaterials,
  CellDesign,
  DesignInput,
  DesignResult,
  HardwareOptions,
  ThicknessLimit,
} from "./design-types.js";
import { defaultHardware } from "./design-types.js";
import { DesignInputError, requirePositiveInteger, requireRange } from "./errors.js";
import { designPack } from "./pack.js";

const minimumThickness_m = 15e-6;
const limitingCurrentDensity_A_per_m2 = 1000; // 100 mA/cm², BatPaC 5.0
const hoursPerCRate3 = 3;

interface Geometry {
  layers: number;
  length_m: number;
  width_m: number;
  thickness_m: number;
  volume_m3: number;
  positiveFoilArea_m2: number;
  negativeFoilArea_m2: number;
  separatorArea_m2: number;
  excessNegativeAreaFraction: number;
  envelopeVolume_m3: number;
  container_kg: number;
  positiveTerminal_kg: number;
  negativeTerminal_kg: number;
  /** Current path along a foil, for the collector ASI. */
  foilPath_m: number;
  /** Positive coated area the geometry can hold (fixed-can formats only). */
  capacityArea_m2?: number;
}

function density(id: string): number {
  return inactiveMaterials[id]!.density_g_per_cm3 * 1000;
}

/** Stacked bicells in a pouch or prismatic can (BatPaC step 7). */
function stackedGeometry(
  input: DesignInput,
  hw: HardwareOptions,
  area_m2: number,
  repeat_m: number,
): Geometry {
  const format = input.format as Extract<DesignInput["format"], { kind: "pouch" | "prismatic-can" }>;
  const isCan = format.kind === "prismatic-can";
  const wall_m = isCan ? format.wallThickness_m : hw.containerThickness_m;
  const cuFoil_m = input.chemistry.negative.foilThickness_m;
  const layers = Math.max(
    1,
    Math.round(((format.thickness_m - 2 * wall_m - cuFoil_m) * hw.stackPackingFraction) / repeat_m),
  );
  const stack_m = (layers * repeat_m + cuFoil_m) / hw.stackPackingFraction;
  const thickness_m = stack_m + 2 * wall_m;
  const electrodeWidth_m = Math.sqrt(area_m2 / (2 * layers * format.lengthToWidth));
  const electrodeLength_m = format.lengthToWidth * electrodeWidth_m;
  const o = hw.negativeOverhang_m;
  const excess =
    ((electrodeWidth_m + 2 * o) * (electrodeLength_m + 2 * o)) / (electrodeWidth_m * electrodeLength_m) - 1;
  const innerLength_m = electrodeLength_m + 2 * o + 2 * (hw.tabGap_m + hw.internalTabLength_m);
  const width_m = electrodeWidth_m + 2 * o + hw.foldEdge_m + (isCan ? wall_m : hw.sealWidth_m);
  const containerLength_m = innerLength_m + (isCan ? 2 * wall_m : 2 * hw.sealWidth_m);
  const length_m = containerLength_m + 2 * hw.externalTabLength_m;
  const containerArea_m2 = 2 * width_m * containerLength_m + 2 * (width_m + containerLength_m) * thickness_m;
  const containerDensity = isCan ? density("Al-hardware") : density("pouch-laminate");
  const tabWidth_m = Math.max(electrodeWidth_m - 4e-3, electrodeWidth_m / 2);
  const terminalLength_m = hw.internalTabLength_m + hw.sealWidth_m + hw.externalTabLength_m;
  // Uncoated foil runs across the tab gap and under the internal tab where it is welded.
  const foilTab_m = hw.tabGap_m + hw.internalTabLength_m;
  return {
    layers,
    length_m,
    width_m,
    thickness_m,
    volume_m3: length_m * width_m * thickness_m,
    positiveFoilArea_m2: layers * electrodeWidth_m * (electrodeLength_m + foilTab_m),
    negativeFoilArea_m2: (layers + 1) * (electrodeWidth_m + 2 * o) * (electrodeLength_m + foilTab_m + 2 * o),
    separatorArea_m2: 2 * layers * (electrodeWidth_m + 2 * o) * (electrodeLength_m + 4 * o),
    excessNegativeAreaFraction: excess,
    envelopeVolume_m3: electrodeWidth_m * electrodeLength_m * stack_m,
    container_kg: containerArea_m2 * wall_m * containerDensity,
    positiveTerminal_kg:
      tabWidth_m * terminalLength_m * hw.positiveTerminalThickness_m * density("Al-hardware"),
    negativeTerminal_kg:
      tabWidth_m * terminalLength_m * hw.negativeTerminalThickness_m * density("Cu-hardware"),
    foilPath_m: electrodeLength_m,
  };
}

/** Wound jelly roll in a steel can (cylindrical) or a single layer in a coin can. */
function canGeometry(
  input: DesignInput,
  hw: HardwareOptions,
  repeat_m: number,
  singleSided: number,
): Geometry {
  const format = input.format as Extract<DesignInput["format"], { kind: "cylindrical" | "coin" }>;
  const isCoin = format.kind === "coin";
  const wall_m = isCoin ? 0.25e-3 : format.diameter_m >= 0.04 ? 0.5e-3 : 0.25e-3;
  const o = hw.negativeOverhang_m;
  const steel = density("steel");
  const canVolume_m3 = Math.PI * (format.diameter_m / 2) ** 2 * format.height_m;
  const canMass_kg =
    (Math.PI * format.diameter_m * format.height_m + 2 * Math.PI * (format.diameter_m / 2) ** 2) *
    wall_m *
    steel;
  if (isCoin) {
    const positiveDiameter_m = format.diameter_m * 0.75;
    const area_m2 = Math.PI * (positiveDiameter_m / 2) ** 2;
    const negArea_m2 = Math.PI * (positiveDiameter_m / 2 + o) ** 2;
    return {
      layers: 1,
      length_m: format.diameter_m,
      width_m: format.diameter_m,
      thickness_m: format.height_m,
      volume_m3: canVolume_m3,
      positiveFoilArea_m2: area_m2,
      negativeFoilArea_m2: negArea_m2,
      separatorArea_m2: Math.PI * (format.diameter_m / 2 - wall_m) ** 2,
      excessNegativeAreaFraction: negArea_m2 / area_m2 - 1,
      envelopeVolume_m3: area_m2 * singleSided,
      container_kg: canMass_kg + 2e-3, // spacer and spring
      positiveTerminal_kg: 0,
      negativeTerminal_kg: 0,
      foilPath_m: positiveDiameter_m / 2,
      capacityArea_m2: area_m2,
    };
  }
  const headspace_m = format.diameter_m >= 0.04 ? 8e-3 : 6e-3;
  const outerRadius_m = format.diameter_m / 2 - wall_m - 0.1e-3;
  const coreRadius_m = format.diameter_m >= 0.04 ? 2.5e-3 : 1.0e-3;
  const electrodeHeight_m = format.height_m - 2 * wall_m - headspace_m - 2 * o;
  if (electrodeHeight_m <= 0 || outerRadius_m <= coreRadius_m) {
    throw new DesignInputError(
      "format.height_m",
      format.height_m,
      "m",
      "a can large enough for a jelly roll",
    );
  }
  const windArea_m2 = Math.PI * (outerRadius_m ** 2 - coreRadius_m ** 2) * hw.stackPackingFraction;
  const woundLength_m = windArea_m2 / repeat_m;
  const turns = (outerRadius_m - coreRadius_m) / repeat_m;
  const area_m2 = 2 * woundLength_m * electrodeHeight_m;
  const tabless = format.diameter_m >= 0.04;
  return {
    layers: Math.max(1, Math.round(turns)),
    length_m: format.diameter_m,
    width_m: format.diameter_m,
    thickness_m: format.height_m,
    volume_m3: canVolume_m3,
    positiveFoilArea_m2: woundLength_m * (electrodeHeight_m + hw.tabGap_m),
    negativeFoilArea_m2: woundLength_m * (electrodeHeight_m + hw.tabGap_m + 2 * o),
    separatorArea_m2: 2 * woundLength_m * (electrodeHeight_m + 4 * o),
    excessNegativeAreaFraction: (electrodeHeight_m + 2 * o) / electrodeHeight_m - 1,
    envelopeVolume_m3: windArea_m2 * electrodeHeight_m,
    container_kg: canMass_kg,
    positiveTerminal_kg: 2e-3 * (format.diameter_m / 0.018) ** 2,
    negativeTerminal_kg: 1e-3 * (format.diameter_m / 0.018) ** 2,
    foilPath_m: tabless ? electrodeHeight_m : woundLength_m / 2,
    capacityArea_m2: area_m2,
  };
}

function validate(input: DesignInput): void {
  const c = input.chemistry;
  requireRange("chemistry.npRatio", c.npRatio, "", 1, 3);
  requireRange("chemistry.separatorPorosity", c.separatorPorosity, "", 0, 1, true);
  requireRange("chemistry.separatorThickness_m", c.separatorThickness_m, "m", 1e-6, 1e-4);
  requireRange("chemistry.openCircuitVoltage_V", c.openCircuitVoltage_V, "V", 0.5, 6);
  requireRange("chemistry.maxPositiveThickness_m", c.maxPositiveThickness_m, "m", minimumThickness_m, 1e-3);
  const p = input.pack;
  requireRange("pack.energy_kWh", p.energy_kWh, "kWh", 1e-3, 1e4);
  requireRange("pack.power_kW", p.power_kW, "kW", 1e-3, 1e5);
  requireRange("pack.fastChargeTime_min", p.fastChargeTime_min, "min", 5, 1e4);
  requireRange("pack.pulseDuration_s", p.pulseDuration_s, "s", 0.1, 3600);
  for (const k of [
    "cellsPerModule",
    "cellsInParallel",
    "modulesPerRow",
    "rows",
    "modulesInParallel",
  ] as const) {
    requirePositiveInteger(`pack.${k}`, p[k]);
  }
  if (p.cellsPerModule % p.cellsInParallel !== 0) {
    throw new DesignInputError(
      "pack.cellsPerModule",
      p.cellsPerModule,
      "",
      "a multiple of pack.cellsInParallel",
    );
  }
  if ((p.modulesPerRow * p.rows) % p.modulesInParallel !== 0) {
    throw new DesignInputError(
      "pack.modulesInParallel",
      p.modulesInParallel,
      "",
      `a divisor of the module count (pack.modulesPerRow × pack.rows = ${p.modulesPerRow * p.rows})`,
    );
  }
  const f = input.format;
  if (f.kind === "pouch" || f.kind === "prismatic-can") {
    requireRange("format.thickness_m", f.thickness_m, "m", 2e-3, 0.1);
    requireRange("format.lengthToWidth", f.lengthToWidth, "", 0.2, 10);
    if (f.kind === "prismatic-can")
      requireRange("format.wallThickness_m", f.wallThickness_m, "m", 1e-4, 3e-3);
  } else if (f.kind === "cylindrical" || f.kind === "coin") {
    requireRange("format.diameter_m", f.diameter_m, "m", 5e-3, 0.1);
    requireRange("format.height_m", f.height_m, "m", 1e-3, 0.3);
  } else {
    throw new DesignInputError(
      "format.kind",
      (f as { kind: unknown }).kind,
      "",
      "pouch, prismatic-can, cylindrical or coin",
    );
  }
  if (input.positiveThickness_m !== undefined) {
    requireRange(
      "positiveThickness_m",
      input.positiveThickness_m,
      "m",
      minimumThickness_m,
      c.maxPositiveThickness_m,
    );
  }
}

/** Full design: cell (thicknesses, geometry, BOM) and pack (modules, hardware), BatPaC 5.0 method. */
export function designCell(input: DesignInput): DesignResult {
  validate(input);
  const hw: HardwareOptions = { ...defaultHardware, ...input.hardware };
  const c = input.chemistry;
  const pos: CoatingProperties = coatingProperties(c.positive, "chemistry.positive");
  const neg: CoatingProperties = coatingProperties(c.negative, "chemistry.negative");
  const p = input.pack;
  const isStacked = input.format.kind === "pouch" || input.format.kind === "prismatic-can";
  const f = input.powerVoltageFraction ?? 0.8;
  requireRange("powerVoltageFraction", f, "", 0.5, 0.95);
  const jCharge_A_per_m2 = input.maxChargeCurrentDensity_A_per_m2 ?? 90;
  requireRange("maxChargeCurrentDensity_A_per_m2", jCharge_A_per_m2, "A/m²", 1, 1e4);

  // Candidate positive thicknesses (m) that do not depend on the cell size.
  const limits: Partial<Record<ThicknessLimit, number>> = { maxThickness: c.maxPositiveThickness_m };
  // Fast charge: 80 % of capacity in t at ≤ j_max → areal capacity ≤ j_max·t/0.8.
  limits.fastCharge =
    (jCharge_A_per_m2 * (p.fastChargeTime_min / 60)) / 0.8 / pos.volumetricCapacity_Ah_per_m3;
  if (input.positiveThickness_m !== undefined) limits.override = input.positiveThickness_m;

  const sepThickness_m = c.separatorThickness_m;
  let cellsPerPack = p.cellsPerModule * p.modulesPerRow * p.rows;
  let energyCell_Wh = (p.energy_kWh * 1000) / cellsPerPack;
  let voltage_V = c.openCircuitVoltage_V;
  let tPos_m = Math.min(...Object.values(limits));
  let limitedBy: ThicknessLimit = "maxThickness";
  let geometry: Geometry | undefined;
  let capacity_Ah = 0;
  let asiEnergy = c.energyAsi_ohm_cm2;
  for (let iteration = 0; iteration < 50; iteration++) {
    capacity_Ah = energyCell_Wh / voltage_V;
    const powerCell_W = (p.power_kW * 1000) / cellsPerPack;
    const pulseVoltage_V = c.pulseOpenCircuitVoltage_V;
    // Power and energy limits give a minimum area (m²); converted to a maximum thickness.
    const areaPower_m2 =
      ((asiEnergy - c.energyAsi_ohm_cm2 + c.powerAsi_ohm_cm2) * 1e-4 * powerCell_W) /
      (pulseVoltage_V ** 2 * f * (1 - f));
    const areaEnergy_m2 = (asiEnergy * 1e-4 * powerCell_W) / (c.openCircuitVoltage_V ** 2 * 0.25);
    const areaCurrent_m2 = (powerCell_W / (f * pulseVoltage_V) / limitingCurrentDensity_A_per_m2) * 1.01;
    const toThickness = (area_m2: number) => capacity_Ah / (area_m2 * pos.volumetricCapacity_Ah_per_m3);
    limits.power = toThickness(areaPower_m2);
    limits.energy = toThickness(areaEnergy_m2);
    limits.limitingCurrent = toThickness(areaCurrent_m2);
    if (input.positiveThickness_m !== undefined) {
      tPos_m = input.positiveThickness_m;
      limitedBy = "override";
    } else {
      limitedBy = "maxThickness";
      tPos_m = Number.POSITIVE_INFINITY;
      for (const [name, value] of Object.entries(limits) as [ThicknessLimit, number][]) {
        if (name !== "override" && value < tPos_m) {
          tPos_m = value;
          limitedBy = name;
        }
      }
    }
    if (tPos_m < minimumThickness_m) {
      throw new DesignInputError(
        "pack.power_kW",
        p.power_kW,
        "kW",
        `a power the cell can deliver with a positive electrode ≥ 15 µm (${limitedBy} limit gives ${(tPos_m * 1e6).toFixed(1)} µm)`,
      );
    }
    const arealPos_Ah_per_m2 = tPos_m * pos.volumetricCapacity_Ah_per_m3;
    const tNeg_m = (arealPos_Ah_per_m2 * c.npRatio) / neg.volumetricCapacity_Ah_per_m3;
    const repeat_m =
      c.positive.foilThickness_m + c.negative.foilThickness_m + 2 * (sepThickness_m + tPos_m + tNeg_m);
    if (isStacked) {
      geometry = stackedGeometry(input, hw, capacity_Ah / arealPos_Ah_per_m2, repeat_m);
    } else {
      geometry = canGeometry(input, hw, repeat_m, tPos_m + tNeg_m + sepThickness_m);
      // Single-sided electrodes in a coin cell: capacity is areal capacity × disc area.
      capacity_Ah = arealPos_Ah_per_m2 * geometry.capacityArea_m2!;
      limitedBy = input.positiveThickness_m !== undefined ? "override" : limitedBy;
    }
    // Collector ASI (both foils, two faces per foil): 2ρL²/(3t).
    const collector = (id: string, t_m: number) =>
      ((2 * inactiveMaterials[id]!.resistivity_ohm_m! * geometry!.foilPath_m ** 2) / (3 * t_m)) * 1e4;
    asiEnergy =
      c.energyAsi_ohm_cm2 +
      collector(c.positive.foilId, c.positive.foilThickness_m) +
      collector(c.negative.foilId, c.negative.foilThickness_m);
    const cRate3_A_per_m2 = arealPos_Ah_per_m2 / hoursPerCRate3;
    const newVoltage_V = c.openCircuitVoltage_V - cRate3_A_per_m2 * asiEnergy * 1e-4;
    if (!isStacked) {
      energyCell_Wh = capacity_Ah * newVoltage_V;
      const series = (p.cellsPerModule / p.cellsInParallel) * p.modulesPerRow * p.rows;
      const parallel = Math.max(1, Math.ceil((p.energy_kWh * 1000) / (energyCell_Wh * series)));
      cellsPerPack = series * parallel;
    }
    const converged = Math.abs(newVoltage_V - voltage_V) < 1e-9;
    voltage_V = newVoltage_V;
    if (converged && iteration > 1) break;
  }
  if (!isStacked) limitedBy = input.positiveThickness_m !== undefined ? "override" : limitedBy;
  const g = geometry!;
  const seriesCells =
    ((p.cellsPerModule / p.cellsInParallel) * p.modulesPerRow * p.rows) / p.modulesInParallel;
  const arealPos_Ah_per_m2 = tPos_m * pos.volumetricCapacity_Ah_per_m3;
  const tNeg_m = (arealPos_Ah_per_m2 * c.npRatio) / neg.volumetricCapacity_Ah_per_m3;
  const posArea_m2 = capacity_Ah / arealPos_Ah_per_m2;
  const negArea_m2 = posArea_m2 * (1 + g.excessNegativeAreaFraction);

  // Bill of materials (BatPaC steps 4 and 8).
  const posActive_kg = capacity_Ah / pos.specificCapacity_Ah_per_kg;
  const negActive_kg =
    (capacity_Ah / neg.specificCapacity_Ah_per_kg) * c.npRatio * (1 + g.excessNegativeAreaFraction);
  const posCoating_kg = posActive_kg / pos.activeFraction;
  const negCoating_kg = negActive_kg / neg.activeFraction;
  const posPores_m3 = (posCoating_kg / pos.coatingDensity_kg_per_m3) * pos.porosity;
  const negPores_m3 = (negCoating_kg / neg.coatingDensity_kg_per_m3) * neg.porosity;
  const sepPores_m3 = g.separatorArea_m2 * sepThickness_m * c.separatorPorosity;
  const electrolyte_m3 = posPores_m3 + negPores_m3 + sepPores_m3 + 0.02 * g.envelopeVolume_m3;
  const bom: CellBillOfMaterials = {
    positiveActive_kg: posActive_kg,
    positiveCarbon_kg: posCoating_kg * pos.carbonFraction,
    positiveBinder_kg: posCoating_kg * pos.binderFraction,
    negativeActive_kg: negActive_kg,
    negativeCarbon_kg: negCoating_kg * neg.carbonFraction,
    negativeBinder_kg: negCoating_kg * neg.binderFraction,
    positiveFoil_kg: g.positiveFoilArea_m2 * c.positive.foilThickness_m * density(c.positive.foilId),
    negativeFoil_kg: g.negativeFoilArea_m2 * c.negative.foilThickness_m * density(c.negative.foilId),
    separator_kg: g.separatorArea_m2 * sepThickness_m * density(c.separatorId),
    electrolyte_kg: electrolyte_m3 * density(c.electrolyteId),
    positiveTerminal_kg: g.positiveTerminal_kg,
    negativeTerminal_kg: g.negativeTerminal_kg,
    container_kg: g.container_kg,
  };
  let mass_kg = 0;
  for (const v of Object.values(bom)) mass_kg += v;
  const energy_Wh = capacity_Ah * voltage_V;
  const volume_L = g.volume_m3 * 1000;
  const cell: CellDesign = {
    format: input.format.kind,
    capacity_Ah,
    nominalVoltage_V: voltage_V,
    energy_Wh,
    mass_kg,
    volume_L,
    specificEnergy_Wh_per_kg: energy_Wh / mass_kg,
    energyDensity_Wh_per_L: energy_Wh / volume_L,
    positiveThickness_m: tPos_m,
    negativeThickness_m: tNeg_m,
    positiveArealCapacity_mAh_per_cm2: arealPos_Ah_per_m2 / 10,
    negativeArealCapacity_mAh_per_cm2: (arealPos_Ah_per_m2 * c.npRatio) / 10,
    thicknessLimitedBy: limitedBy,
    thicknessLimits_m: { ...limits },
    layers: g.layers,
    positiveCoatedArea_m2: posArea_m2,
    negativeCoatedArea_m2: negArea_m2,
    positiveFoilArea_m2: g.positiveFoilArea_m2,
    negativeFoilArea_m2: g.negativeFoilArea_m2,
    separatorArea_m2: g.separatorArea_m2,
    electrolyteVolume_L: electrolyte_m3 * 1000,
    excessNegativeAreaFraction: g.excessNegativeAreaFraction,
    length_m: g.length_m,
    width_m: g.width_m,
    thickness_m: g.thickness_m,
    areaSpecificImpedanceEnergy_ohm_cm2: asiEnergy,
    bom,
  };
  return {
    chemistryId: c.id,
    chemistry: c,
    cell,
    pack: designPack(cell, input.pack, hw, cellsPerPack, seriesCells),
  };
}
