export * from "./claims";
export * from "./trend";
export * from "./cards";
export * from "./charts";
