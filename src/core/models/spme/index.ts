export { createSpmeModel, type SpmeModel } from "./spme-model.js";
