import { BURN_RATE_ALERTS, burnThreshold } from "../observability/slo";

/** The fast-burn page pair of the SLO rules: its short window and factor gate each step. */
export const GATE = BURN_RATE_ALERTS[0];

/** The breaker's failure percentage when it is not set (one team's 15 % over 30 s), capped by the SLO. */
export const DEFAULT_FAILURE_PERCENT = 15;

/** Annotation on the breaker EnvoyFilter: the availability objective it protects (read by policy platform.canary). */
export const SLO_AVAILABILITY_ANNOTATION = "cairn.dev/slo-availability";

/**
 * The loosest breaker the SLO allows: the error percentage at which the gate aborts
 * (the fast-burn threshold, 14.4 x the budget), as the whole percent Envoy takes,
 * and at least 1 (Envoy ejects every host at 0). No availability objective: 100.
 */
export function breakerLimit(availability: number | undefined): number {
  if (availability === undefined) return 100;
  return Math.max(1, Math.floor(abortPercent(availability)));
}

/** The error percentage above which the SLO gate aborts a release (the fast-burn threshold). */
export function abortPercent(availability: number): number {
  return Math.round(burnThreshold(availability, GATE.factor) * 100 * 1e6) / 1e6;
}
