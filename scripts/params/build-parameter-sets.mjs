// Builds src/core/parameters/sets/{chen2020,marquis2019,okane2022}.json from PyBaMM's exported parameter sets
// (shared/data/params/*.json: numbers evaluated by PyBaMM 26.6.2.0). Scalars are copied; function-valued
// parameters are written as our data forms (series with the published coefficients, power-law j0,
// Arrhenius factors), checked against PyBaMM's tables by src/core/parameters/parameters.validation.test.ts.
// Usage: node scripts/params/build-parameter-sets.mjs [/work/shared/data/params]
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const sourceDir = process.argv[2] ?? "/work/shared/data/params";
const outDir = "src/core/parameters/sets";

function load(file) {
  const data = JSON.parse(readFileSync(join(sourceDir, file), "utf8"));
  const scalars = new Map(data.scalars.map((s) => [s.name, s.value]));
  const get = (name) => {
    if (!scalars.has(name)) throw new Error(`${file}: missing scalar "${name}"`);
    return scalars.get(name);
  };
  return { data, get };
}

const arrhenius = (activationEnergy_J_per_mol) => ({
  activationEnergy_J_per_mol,
  referenceTemperature_K: 298.15,
});
const tanh = (coefficient, shape) => ({ type: "tanh", coefficient, ...shape });
const power = (coefficient, exponent) => ({ type: "power", coefficient, exponent });

function common(get, side) {
  const S = side === "negative" ? "Negative" : "Positive";
  return {
    thickness_m: get(`${S} electrode thickness [m]`),
    particleRadius_m: get(`${S} particle radius [m]`),
    porosity: get(`${S} electrode porosity`),
    activeMaterialVolumeFraction: get(`${S} electrode active material volume fraction`),
    bruggemanElectrolyte: get(`${S} electrode Bruggeman coefficient (electrolyte)`),
    bruggemanElectrode: get(`${S} electrode Bruggeman coefficient (electrode)`),
    conductivity_S_per_m: get(`${S} electrode conductivity [S.m-1]`),
    maximumConcentration_mol_per_m3: get(`Maximum concentration in ${side} electrode [mol.m-3]`),
    initialConcentration_mol_per_m3: get(`Initial concentration in ${side} electrode [mol.m-3]`),
    chargeTransferCoefficient: get(`${S} electrode charge transfer coefficient`),
    doubleLayerCapacity_F_per_m2: get(`${S} electrode double-layer capacity [F.m-2]`),
    density_kg_per_m3: get(`${S} electrode density [kg.m-3]`),
    specificHeatCapacity_J_per_kg_K: get(`${S} electrode specific heat capacity [J.kg-1.K-1]`),
    thermalConductivity_W_per_m_K: get(`${S} electrode thermal conductivity [W.m-1.K-1]`),
  };
}

function collector(get, S) {
  return {
    thickness_m: get(`${S} current collector thickness [m]`),
    conductivity_S_per_m: get(`${S} current collector conductivity [S.m-1]`),
    density_kg_per_m3: get(`${S} current collector density [kg.m-3]`),
    specificHeatCapacity_J_per_kg_K: get(`${S} current collector specific heat capacity [J.kg-1.K-1]`),
    thermalConductivity_W_per_m_K: get(`${S} current collector thermal conductivity [W.m-1.K-1]`),
  };
}

function shell(name, description, data, get, primary, cellDescription) {
  const heightName = "Electrode height [m]";
  return {
    kind: "cellforge.parameter-set",
    schemaVersion: 1,
    name,
    description,
    chemistry: "lithium-ion",
    source: {
      primary,
      citations: Object.fromEntries(primary.map((k) => [k, data.citations[k]])),
      derivedFrom: `PyBaMM ${data.pybamm_version} parameter set ${data.parameter_set} (values evaluated by PyBaMM; functional forms re-expressed as data)`,
      license:
        "PyBaMM is BSD-3-Clause (the PyBaMM team); cite the papers and Sulzer et al., J. Open Res. Softw. 9(1) 14 (2021)",
    },
    cell: {
      description: cellDescription,
      electrodeHeight_m: get(heightName),
      electrodeWidth_m: get("Electrode width [m]"),
      electrodesInParallel: get("Number of electrodes connected in parallel to make a cell"),
      nominalCapacity_Ah: get("Nominal cell capacity [A.h]"),
      lowerVoltageCutoff_V: get("Lower voltage cut-off [V]"),
      upperVoltageCutoff_V: get("Upper voltage cut-off [V]"),
      openCircuitVoltageAt0Soc_V: get("Open-circuit voltage at 0% SOC [V]"),
      openCircuitVoltageAt100Soc_V: get("Open-circuit voltage at 100% SOC [V]"),
      contactResistance_Ohm: get("Contact resistance [Ohm]"),
    },
    temperatures: {
      reference_K: get("Reference temperature [K]"),
      ambient_K: get("Ambient temperature [K]"),
      initial_K: get("Initial temperature [K]"),
    },
    negativeCurrentCollector: collector(get, "Negative"),
  };
}

function rest(get, separatorMaterial) {
  return {
    separator: {
      ...(separatorMaterial ? { material: separatorMaterial } : {}),
      thickness_m: get("Separator thickness [m]"),
      porosity: get("Separator porosity"),
      bruggemanElectrolyte: get("Separator Bruggeman coefficient (electrolyte)"),
      density_kg_per_m3: get("Separator density [kg.m-3]"),
      specificHeatCapacity_J_per_kg_K: get("Separator specific heat capacity [J.kg-1.K-1]"),
      thermalConductivity_W_per_m_K: get("Separator thermal conductivity [W.m-1.K-1]"),
    },
  };
}

function thermal(get) {
  return {
    heatTransferCoefficient_W_per_m2_K: get("Total heat transfer coefficient [W.m-2.K-1]"),
    cellVolume_m3: get("Cell volume [m3]"),
    coolingSurfaceArea_m2: get("Cell cooling surface area [m2]"),
  };
}

function j0(data, name) {
  const f = data.functions.find((x) => x.name === name);
  const k = f.symmetric_butler_volmer_form["k_at_298.15K"];
  return {
    kind: "power-law",
    name: f.pybamm_function,
    rateConstant: k,
    electrolyteExponent: 0.5,
    surfaceExponent: 0.5,
    vacancyExponent: 0.5,
    arrhenius: arrhenius(f.temperature_dependence.activation_energy_J_per_mol),
  };
}

function chen2020(file = "chen2020.json") {
  const { data, get } = load(file);
  const set = shell(
    "chen2020",
    "LG M50 21700 (5 Ah): NMC811 / graphite-SiOx, LiPF6 in EC:EMC (Chen et al. 2020, as PyBaMM's Chen2020)",
    data,
    get,
    ["Chen2020"],
    "LG M50 21700 cylindrical cell, 5 Ah",
  );
  set.negative = {
    material: "graphite-SiOx",
    ...common(get, "negative"),
    openCircuitPotential_V: {
      kind: "series",
      name: "graphite_LGM50_ocp_Chen2020",
      source: ["Chen2020"],
      terms: [
        { type: "exp", coefficient: 1.9793, slope: -39.3631 },
        power(0.2482, 0),
        tanh(-0.0909, { slope: 29.8538, center: 0.1234 }),
        tanh(-0.04478, { slope: 14.9159, center: 0.2769 }),
        tanh(-0.0205, { slope: 30.4444, center: 0.6103 }),
      ],
    },
    particleDiffusivity_m2_per_s: 3.3e-14,
    exchangeCurrentDensity_A_per_m2: j0(data, "Negative electrode exchange-current density [A.m-2]"),
  };
  Object.assign(set, rest(get));
  set.positive = {
    material: "NMC811",
    ...common(get, "positive"),
    openCircuitPotential_V: {
      kind: "series",
      name: "nmc_LGM50_ocp_Chen2020",
      source: ["Chen2020"],
      terms: [
        power(-0.809, 1),
        power(4.4875, 0),
        tanh(-0.0428, { slope: 18.5138, center: 0.5542 }),
        tanh(-17.7326, { slope: 15.789, center: 0.3117 }),
        tanh(17.5842, { slope: 15.9308, center: 0.312 }),
      ],
    },
    particleDiffusivity_m2_per_s: 4e-15,
    exchangeCurrentDensity_A_per_m2: j0(data, "Positive electrode exchange-current density [A.m-2]"),
  };
  set.positiveCurrentCollector = collector(get, "Positive");
  set.electrolyte = {
    material: "LiPF6 in EC:EMC (3:7 w/w)",
    initialConcentration_mol_per_m3: get("Initial concentration in electrolyte [mol.m-3]"),
    cationTransferenceNumber: get("Cation transference number"),
    thermodynamicFactor: get("Thermodynamic factor"),
    diffusivity_m2_per_s: {
      kind: "series",
      name: "electrolyte_diffusivity_Nyman2008",
      source: ["Nyman2008"],
      inputScale: 0.001,
      terms: [power(8.794e-11, 2), power(-3.972e-10, 1), power(4.862e-10, 0)],
    },
    conductivity_S_per_m: {
      kind: "series",
      name: "electrolyte_conductivity_Nyman2008",
      source: ["Nyman2008"],
      inputScale: 0.001,
      terms: [power(0.1297, 3), power(-2.51, 1.5), power(3.329, 1)],
    },
  };
  set.thermal = thermal(get);
  set.source.citations.Nyman2008 =
    "Nyman, A., Behm, M., Lindbergh, G. (2008). Electrochemical characterisation and modelling of the mass transport phenomena in LiPF6–EC–EMC electrolyte. Electrochimica Acta 53(22), 6356–6365. doi:10.1016/j.electacta.2008.04.023";
  return set;
}

// O'Kane et al. 2022: Chen2020 with the measured graphite OCP (PyBaMM interpolates the 248-point data
// with a not-a-knot cubic spline) and Arrhenius particle and electrolyte transport.
function okane2022() {
  const { data } = load("okane2022.json");
  const set = chen2020("okane2022.json");
  set.name = "okane2022";
  set.description =
    "LG M50 21700 (5 Ah) after O'Kane et al. 2022: Chen2020 with measured graphite OCP and Arrhenius transport (degradation parameters not carried over)";
  set.source.primary = ["OKane2022", "Chen2020"];
  set.source.citations.OKane2022 = data.citations.OKane2022;
  set.source.derivedFrom = set.source.derivedFrom.replace("Chen2020", "OKane2022");
  const fn = (name) => data.functions.find((f) => f.name === name);
  const ocp = fn("Negative electrode OCP [V]").data_points;
  set.negative.openCircuitPotential_V = {
    kind: "table",
    name: "graphite_LGM50_ocp_Chen2020 (data)",
    source: ["Chen2020"],
    x: ocp.stoichiometry,
    y: ocp.values,
    interpolation: "cubic-spline-not-a-knot",
    extrapolation: "linear",
  };
  const activation = (name) => fn(name).temperature_dependence.activation_energy_J_per_mol;
  set.negative.particleDiffusivity_m2_per_s = {
    kind: "constant",
    name: "graphite_LGM50_diffusivity_Chen2020",
    source: ["Chen2020"],
    value: 3.3e-14,
    arrhenius: arrhenius(activation("Negative particle diffusivity [m2.s-1]")),
  };
  set.positive.particleDiffusivity_m2_per_s = {
    kind: "constant",
    name: "nmc_LGM50_diffusivity_Chen2020",
    source: ["Chen2020"],
    value: 4e-15,
    arrhenius: arrhenius(activation("Positive particle diffusivity [m2.s-1]")),
  };
  set.electrolyte.diffusivity_m2_per_s.arrhenius = arrhenius(activation("Electrolyte diffusivity [m2.s-1]"));
  set.electrolyte.diffusivity_m2_per_s.name = "electrolyte_diffusivity_Nyman2008_arrhenius";
  set.electrolyte.conductivity_S_per_m.arrhenius = arrhenius(activation("Electrolyte conductivity [S.m-1]"));
  set.electrolyte.conductivity_S_per_m.name = "electrolyte_conductivity_Nyman2008_arrhenius";
  return set;
}

function marquis2019() {
  const { data, get } = load("marquis2019.json");
  const set = shell(
    "marquis2019",
    "Kokam SLPB78205130H: LiCoO2 / graphite (MCMB 2528), one electrode pair (Marquis et al. 2019, as PyBaMM's Marquis2019)",
    data,
    get,
    ["Marquis2019"],
    "Kokam SLPB78205130H pouch cell, one electrode pair as modelled (0.68 Ah)",
  );
  const cmaxN = get("Maximum concentration in negative electrode [mol.m-3]");
  const cmaxP = get("Maximum concentration in positive electrode [mol.m-3]");
  // Dualfoil graphite OCP: amplitude and (centre, width) of each tanh step.
  const graphiteSteps = [
    [0.0351, 0.286, 0.083],
    [-0.0045, 0.849, 0.119],
    [-0.035, 0.9233, 0.05],
    [-0.0147, 0.5, 0.034],
    [-0.102, 0.194, 0.142],
    [-0.022, 0.9, 0.0164],
    [-0.011, 0.124, 0.0226],
    [0.0155, 0.105, 0.029],
  ];
  set.negative = {
    material: "graphite (MCMB 2528)",
    ...common(get, "negative"),
    openCircuitPotential_V: {
      kind: "series",
      name: "graphite_mcmb2528_ocp_Dualfoil1998",
      source: ["Dualfoil"],
      terms: [
        power(0.194, 0),
        { type: "exp", coefficient: 1.5, slope: -120 },
        ...graphiteSteps.map(([a, center, width]) => tanh(a, { center, width })),
      ],
    },
    // Moura 2016 (fastDFN) as PyBaMM implements it: derivative-shaped terms scaled by 1/c_max.
    entropicChange_V_per_K: {
      kind: "series",
      name: "graphite_entropic_change_Moura2016",
      source: ["Moura2016"],
      terms: [
        { type: "exp", coefficient: -1.5 * (120.0 / cmaxN), slope: -120 },
        ...graphiteSteps.map(([a, center, width]) => ({
          type: "sech2",
          coefficient: Math.sign(a) * (Math.abs(a) / (width * cmaxN)),
          center,
          width,
        })),
      ],
    },
    particleDiffusivity_m2_per_s: {
      kind: "constant",
      name: "graphite_mcmb2528_diffusivity_Dualfoil1998",
      source: ["Dualfoil"],
      value: 3.9e-14,
      arrhenius: arrhenius(42770),
    },
    exchangeCurrentDensity_A_per_m2: j0(data, "Negative electrode exchange-current density [A.m-2]"),
  };
  Object.assign(set, rest(get));
  const stretch = 1.062;
  set.positive = {
    material: "LiCoO2",
    ...common(get, "positive"),
    openCircuitPotential_V: {
      kind: "series",
      name: "lico2_ocp_Dualfoil1998",
      source: ["Dualfoil", "Doyle1995"],
      inputScale: stretch,
      terms: [
        power(2.16216, 0),
        tanh(0.07645, { slope: -54.4806, intercept: 30.834 }),
        tanh(2.1581, { slope: -50.294, intercept: 52.294 }),
        tanh(-0.14169, { slope: -19.8543, intercept: 11.0923 }),
        tanh(0.2051, { slope: -5.4888, intercept: 1.4684 }),
        // 0.2531·tanh((0.56478 − u)/0.1316) = −0.2531·tanh((u − 0.56478)/0.1316)
        tanh(-0.2531, { center: 0.56478, width: 0.1316 }),
        tanh(-0.02167, { center: 0.525, width: 0.006 }),
      ],
    },
    entropicChange_V_per_K: {
      kind: "series",
      name: "lico2_entropic_change_Moura2016",
      source: ["Moura2016"],
      inputScale: stretch,
      terms: [
        { type: "sech2", coefficient: 0.07645 * (-54.4806 / cmaxP), slope: -54.4806, intercept: 30.834 },
        { type: "sech2", coefficient: 2.1581 * (-50.294 / cmaxP), slope: -50.294, intercept: 52.294 },
        { type: "sech2", coefficient: 0.14169 * (19.854 / cmaxP), slope: -19.8543, intercept: 11.0923 },
        { type: "sech2", coefficient: -0.2051 * (5.4888 / cmaxP), slope: -5.4888, intercept: 1.4684 },
        { type: "sech2", coefficient: -(0.2531 / 0.1316 / cmaxP), center: 0.56478, width: 0.1316 },
        { type: "sech2", coefficient: -(0.02167 / 0.006 / cmaxP), center: 0.525, width: 0.006 },
      ],
    },
    particleDiffusivity_m2_per_s: {
      kind: "constant",
      name: "lico2_diffusivity_Dualfoil1998",
      source: ["Dualfoil"],
      value: 1e-13,
      arrhenius: arrhenius(18550),
    },
    exchangeCurrentDensity_A_per_m2: j0(data, "Positive electrode exchange-current density [A.m-2]"),
  };
  set.positiveCurrentCollector = collector(get, "Positive");
  set.electrolyte = {
    material: "LiPF6 in EC:DMC (Capiglia 1999 fits)",
    initialConcentration_mol_per_m3: get("Initial concentration in electrolyte [mol.m-3]"),
    cationTransferenceNumber: get("Cation transference number"),
    thermodynamicFactor: get("Thermodynamic factor"),
    diffusivity_m2_per_s: {
      kind: "series",
      name: "electrolyte_diffusivity_Capiglia1999",
      source: ["Capiglia1999", "Dualfoil"],
      inputScale: 0.001,
      terms: [{ type: "exp", coefficient: 5.34e-10, slope: -0.65 }],
      arrhenius: arrhenius(37040),
    },
    conductivity_S_per_m: {
      kind: "series",
      name: "electrolyte_conductivity_Capiglia1999",
      source: ["Capiglia1999", "Dualfoil"],
      inputScale: 0.001,
      terms: [power(0.0911, 0), power(1.9101, 1), power(-1.052, 2), power(0.1554, 3)],
      arrhenius: arrhenius(34700),
    },
  };
  set.thermal = thermal(get);
  Object.assign(set.source.citations, {
    Dualfoil: "John Newman, Dualfoil (Fortran program for lithium-ion cells), functions as used in PyBaMM",
    Doyle1995:
      "C. M. Doyle (1995). Design and simulation of lithium rechargeable batteries. PhD thesis, UC Berkeley",
    Moura2016:
      "S. J. Moura, fastDFN, https://github.com/scott-moura/fastDFN (entropic coefficients as in PyBaMM)",
    Capiglia1999:
      "C. Capiglia et al. (1999). 7Li and 19F diffusion coefficients and thermal properties of non-aqueous electrolyte solutions for rechargeable lithium batteries. Journal of Power Sources 81, 859–862",
  });
  return set;
}

for (const [name, build] of [
  ["chen2020", () => chen2020()],
  ["marquis2019", marquis2019],
  ["okane2022", okane2022],
]) {
  writeFileSync(join(outDir, `${name}.json`), `${JSON.stringify(build(), null, 2)}\n`);
}
