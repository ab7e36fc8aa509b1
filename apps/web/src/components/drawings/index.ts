export { TypologyDrawing, TYPOLOGY_SCENES } from "./typology-drawing";
export { KeyOptionDrawing, KEY_OPTION_SCENES } from "./key-option-drawing";
export { SecuringStepDrawing, GeneralRuleDrawing, VariantDrawing, stepScenesFor } from "./securing-step-drawing";
export type { DrawingProps } from "./weapon-art";
export { PhotoExampleDrawing } from "./photo-example-drawing";
