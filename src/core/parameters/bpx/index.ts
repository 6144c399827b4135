/** BPX (Battery Parameter eXchange) import/export and the safe expression language (docs/parameters-bpx.md). */
export { type FromBpxOptions, fromBpx, parseBpxDocument, type ToBpxOptions, toBpx } from "./convert.js";
export {
  compileExpression,
  compileExpressionDerivative,
  ExpressionError,
  parseExpression,
} from "./expression.js";
export { type BpxDocument, type BpxElectrode, type BpxFunction, bpxDocumentSchema } from "./schema.js";
