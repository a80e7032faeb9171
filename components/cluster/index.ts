export * from "./contract";
export { postureWeakenings, normaliseLogs, RECOMMENDED_ZONES } from "./posture";
export { MIN_ZONES, DEFAULT_ZONES } from "./network-plan";
