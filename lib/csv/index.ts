export * from "./writer";
export * from "./hxl";
