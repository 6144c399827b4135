/**
 * Module and pack hardware (BatPaC 5.0 step 9, simplified): cells with aluminium heat conductors in a
 * steel module enclosure with interconnects and a module state-of-charge regulator; modules in rows
 * on liquid-cooling plates and a steel tray, inside an aluminium jacket with insulation, plus coolant,
 * busbars and the BMS/disconnect unit. Masses follow from the geometry and material densities.
 * @see Knehr et al., BatPaC 5.0 manual, ANL-22/3 (2022), doi 10.2172/1877590
 */
import { inactiveMaterials } from "../materials/inactive-materials.js";
import type { CellDesign, HardwareOptions, PackDesign, PackTargets } from "./design-types.js";

const insulationDensity_kg_per_m3 = 32;
const coolantDensity_kg_per_L = 1.07;
const interconnectCopper_kg_per_Ah = 0.15e-3;
const moduleGap_m = 10e-3;
const coolingPlateThickness_m = 2e-3;

/**
 * Module, row-rack and pack allowances: the defaults of BatPaC 5.0's "Battery Design" sheet, as labelled
 * in the workbook (cell map in rginster/batpy, `batpy_batpac_battery_design.toml`, rows 319–414).
 */
export const batpacLayout = {
  /** Free space beyond the cell terminals at the back / front of a module. */
  terminalSpaceBack_m: 2e-3,
  terminalSpaceFront_m: 6e-3,
  /** Polymer interconnect panels at the front and back of a module (each). */
  interconnectPanel_m: 2e-3,
  /** Polymer pads between the modules of a row, steel restraint plates at the row ends. */
  padBetweenModules_m: 2e-3,
  restraintPlate_m: 2e-3,
  /** Extra rack length for the module restraint adjustment and for bus bars. */
  rackRestraintAllowance_m: 15e-3,
  rackBusBarAllowance_m: 10e-3,
  /** Steel rack channel (lower support and upper channel). */
  rackChannel_m: 1e-3,
  /** Liquid-cooling panels above and below each row: 5 mm channel between two 0.3 mm walls. */
  coolantPanel_m: 5e-3 + 2 * 0.3e-3,
  /** Tolerance on each interior pack dimension. */
  interiorTolerance_m: 2e-3,
} as const;

function density(id: string): number {
  return inactiveMaterials[id]!.density_g_per_cm3 * 1000;
}

/** Lays out modules and the pack around `cellsPerPack` cells and returns masses, volume and energy. */
export function designPack(
  cell: CellDesign,
  targets: PackTargets,
  hw: HardwareOptions,
  cellsPerPack: number,
  series: number,
): PackDesign {
  const modulesPerPack = targets.modulesPerRow * targets.rows;
  const cellsPerModule = cellsPerPack / modulesPerPack;
  const al = density("Al-hardware");
  const steel = density("steel");
  let moduleLength_m: number;
  let moduleHeight_m: number;
  let moduleDepth_m: number;
  let conductors_kg: number;
  const lay = batpacLayout;
  const wall = hw.moduleWallThickness_m;
  if (cell.format === "pouch" || cell.format === "prismatic-can") {
    // Cells stand side by side (stacking along the module "length" here, the row direction), terminals
    // to the front and back, cell width vertical between the cooling panels.
    moduleLength_m = cellsPerModule * (cell.thickness_m + hw.heatConductorThickness_m) + 2 * wall;
    moduleHeight_m = cell.width_m + 2 * wall;
    moduleDepth_m =
      cell.length_m +
      lay.terminalSpaceBack_m +
      lay.terminalSpaceFront_m +
      2 * lay.interconnectPanel_m +
      2 * wall;
    conductors_kg = cellsPerModule * cell.width_m * cell.length_m * hw.heatConductorThickness_m * al;
  } else {
    const side = Math.ceil(Math.sqrt(cellsPerModule));
    moduleLength_m = side * cell.width_m + moduleGap_m;
    moduleDepth_m = Math.ceil(cellsPerModule / side) * cell.width_m + moduleGap_m;
    moduleHeight_m = cell.thickness_m + 15e-3;
    conductors_kg = cellsPerModule * cell.width_m * cell.thickness_m * hw.heatConductorThickness_m * al * 0.5;
  }
  const moduleSurface_m2 =
    2 * (moduleLength_m * moduleHeight_m + moduleLength_m * moduleDepth_m + moduleHeight_m * moduleDepth_m);
  const moduleWalls_kg = moduleSurface_m2 * hw.moduleWallThickness_m * steel;
  const interconnects_kg = cellsPerModule * cell.capacity_Ah * interconnectCopper_kg_per_Ah;
  const moduleMass_kg =
    cellsPerModule * cell.mass_kg +
    conductors_kg +
    moduleWalls_kg +
    interconnects_kg +
    hw.moduleElectronics_kg;

  // Row racks (BatPaC): modules of a row pressed together through polymer pads between restraint plates,
  // with allowances for the restraint and bus bars; a steel channel below and above; cooling panels
  // above and below the modules. Rows side by side; a tolerance on every interior dimension.
  const m = targets.modulesPerRow;
  const rowLength_m =
    m * moduleLength_m +
    (m - 1) * lay.padBetweenModules_m +
    2 * lay.restraintPlate_m +
    lay.rackRestraintAllowance_m +
    lay.rackBusBarAllowance_m;
  const rowWidth_m = moduleDepth_m + 2 * lay.rackChannel_m;
  const rowHeight_m = moduleHeight_m + 2 * lay.coolantPanel_m + 2 * lay.rackChannel_m;
  const innerLength_m = rowLength_m + lay.interiorTolerance_m;
  const innerWidth_m = targets.rows * rowWidth_m + lay.interiorTolerance_m;
  const innerHeight_m = rowHeight_m + lay.interiorTolerance_m;
  const jacket_m = 2 * hw.packWallThickness_m + hw.insulationThickness_m;
  const surface_m2 =
    2 * (innerLength_m * innerWidth_m + innerLength_m * innerHeight_m + innerWidth_m * innerHeight_m);
  const footprint_m2 = innerLength_m * innerWidth_m;
  const energy_kWh = (cellsPerPack * cell.energy_Wh) / 1000;
  const hardwareMass_kg: Record<string, number> = {
    heatConductors: conductors_kg * modulesPerPack,
    moduleEnclosures: moduleWalls_kg * modulesPerPack,
    cellInterconnects: interconnects_kg * modulesPerPack,
    moduleElectronics: hw.moduleElectronics_kg * modulesPerPack,
    packJacket: surface_m2 * 2 * hw.packWallThickness_m * al,
    insulation: surface_m2 * hw.insulationThickness_m * insulationDensity_kg_per_m3,
    packTray: footprint_m2 * hw.packTrayThickness_m * steel,
    coolingPlates: footprint_m2 * coolingPlateThickness_m * al,
    coolant: energy_kWh * hw.coolant_L_per_kWh * coolantDensity_kg_per_L,
    busbarsAndTerminals: 2 + (targets.power_kW / 300) * 1.0,
    packElectronics: hw.packElectronics_kg,
  };
  let mass_kg = cellsPerPack * cell.mass_kg;
  for (const v of Object.values(hardwareMass_kg)) mass_kg += v;
  const volume_L =
    (innerLength_m + 2 * jacket_m) * (innerWidth_m + 2 * jacket_m) * (innerHeight_m + 2 * jacket_m) * 1000;
  return {
    cellsPerPack,
    modulesPerPack,
    energy_kWh,
    mass_kg,
    volume_L,
    specificEnergy_Wh_per_kg: (energy_kWh * 1000) / mass_kg,
    energyDensity_Wh_per_L: (energy_kWh * 1000) / volume_L,
    moduleMass_kg,
    nominalVoltage_V: series * cell.nominalVoltage_V,
    hardwareMass_kg,
  };
}
