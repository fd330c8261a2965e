export * from "./framing";
export * from "./etag";
export * from "./query";
export * from "./respond";
export * from "./records";
export * from "./origin";
