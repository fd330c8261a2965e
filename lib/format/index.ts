export * from "./quantity";
export * from "./figure";
export * from "./date";
export * from "./highlight";
