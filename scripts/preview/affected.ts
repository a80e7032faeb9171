/**
 * Which stacks a change affects, for the pull-request preview matrix: a change to a
 * stack's own files affects that stack; a change to anything the program or the
 * policy pack is built from affects every stack; docs and tests alone affect none.
 */

/** Paths (prefixes) whose change affects every stack. */
export const SHARED_INPUTS = [
  "index.ts",
  "Pulumi.yaml",
  "package.json",
  "package-lock.json",
  "tsconfig.json",
  "components/",
  "policies/",
  "test/fixtures/charts/",
] as const;

/** Stacks run by CI: every `stacks/Pulumi.<stack>.yaml` except the machine-local `local` stack. */
export function ciStacks(stackFiles: readonly string[]): string[] {
  return stackFiles
    .map((f) => /^stacks\/Pulumi\.([A-Za-z0-9_.-]+)\.ya?ml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined && s !== "local")
    .sort();
}

/** The stacks among `stacks` that the changed files affect. */
export function affectedStacks(changed: readonly string[], stacks: readonly string[]): string[] {
  if (changed.some((f) => SHARED_INPUTS.some((p) => (p.endsWith("/") ? f.startsWith(p) : f === p)))) {
    return [...stacks];
  }
  return stacks.filter((s) =>
    changed.some((f) => f === `stacks/Pulumi.${s}.yaml` || f === `stacks/${s}.allowed-changes.yaml`),
  );
}
