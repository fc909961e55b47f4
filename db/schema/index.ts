export * from "./regions";
export * from "./accounts";
export * from "./chapters";
export * from "./profiles";
export * from "./outbox";
export * from "./events";
export * from "./tutoring";
