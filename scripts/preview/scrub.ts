/**
 * Shrinks a recorded preview for use as a test fixture without changing what the
 * preview tools read: drops debug and ephemeral diagnostics (the Node SDK's debug
 * log echoes provider outputs, kubeconfigs included, in plain text) and the
 * `inputs`/`outputs` bodies of resource states, and the per-resource policy summaries
 * (which policies passed), none of which the tools read.
 */
const UNREAD_EVENTS = ["policyAnalyzeSummaryEvent", "policyRemediateSummaryEvent"];

export function scrubPreview(text: string): string {
  const trimmed = text.trim();
  try {
    const digest = JSON.parse(trimmed) as { steps?: Record<string, unknown>[] };
    for (const step of digest.steps ?? []) {
      for (const key of ["oldState", "newState"]) dropBodies(step[key]);
    }
    return `${JSON.stringify(digest, null, 2)}\n`;
  } catch {
    const lines = trimmed.split("\n").flatMap((line) => {
      const event = JSON.parse(line) as Record<string, Record<string, unknown> | undefined>;
      const diag = event.diagnosticEvent;
      if (diag && (diag.severity === "debug" || diag.ephemeral)) return [];
      if (UNREAD_EVENTS.some((key) => key in event)) return [];
      const meta = event.resourcePreEvent?.metadata ?? event.resOutputsEvent?.metadata;
      if (meta && typeof meta === "object") {
        for (const key of ["old", "new"]) dropBodies((meta as Record<string, unknown>)[key]);
      }
      return [JSON.stringify(event)];
    });
    return `${lines.join("\n")}\n`;
  }
}

function dropBodies(state: unknown): void {
  if (state === null || typeof state !== "object") return;
  const s = state as Record<string, unknown>;
  for (const key of ["inputs", "outputs", "stackTrace", "propertyDependencies"]) delete s[key];
}
