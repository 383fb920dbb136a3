export * from "./rule";
export { catalogue, ruleById } from "./catalogue";
