// Whether an update would change anything, decided from the plan a preview saved
// (`pulumi preview --save-plan`) and the stack's state (`pulumi stack export`).
// `./cairn up` previews once with the policy pack and runs the update only when
// this finds a change: a no-change `pulumi up` would run the program, the
// provider and the pack a second time to write back the same state.
//
// A change is anything the update would write: a step other than "same", a
// changed input or output (stack outputs included), a resource the state has
// and the plan does not (or the reverse), or changed metadata that a "same"
// step still records (parent, provider, protect, dependencies, ...). A plan
// does not record every such option (retainOnDelete, deletedWith,
// replaceOnChanges, hooks): scripts/stack skips the update only when the code,
// config and state are also the same as at the last update it ran.

/** The parts of a saved plan read here (Pulumi's `deploy.Plan` JSON). */
export interface SavedPlan {
  readonly resourcePlans?: Readonly<Record<string, ResourcePlan>>;
}

interface ResourcePlan {
  readonly steps?: readonly string[];
  readonly goal?: Goal;
}

interface ObjectDiff {
  readonly adds?: object;
  readonly deletes?: readonly string[];
  readonly updates?: object;
}

interface Goal extends Metadata {
  readonly inputDiff?: ObjectDiff;
  readonly outputDiff?: ObjectDiff;
}

/** Metadata a "same" step still writes to the state and a plan records, as both spell it. */
interface Metadata {
  readonly parent?: string;
  readonly provider?: string;
  readonly protect?: boolean;
  readonly dependencies?: readonly string[];
  readonly propertyDependencies?: Readonly<Record<string, readonly string[]>>;
  readonly ignoreChanges?: readonly string[];
  readonly additionalSecretOutputs?: readonly string[];
  readonly customTimeouts?: Readonly<Record<string, number>>;
}

interface StateResource extends Metadata {
  readonly urn: string;
  readonly delete?: boolean;
}

/** The parts of `pulumi stack export` read here. */
export interface ExportedStack {
  readonly deployment?: {
    readonly resources?: readonly StateResource[];
    readonly pending_operations?: readonly unknown[];
  };
}

const sorted = (xs: readonly string[] | undefined) => JSON.stringify([...(xs ?? [])].sort());

/** Each metadata field, normalised so that "unset" and "empty" compare equal. */
const METADATA: Record<keyof Metadata, (m: Metadata) => string> = {
  parent: (m) => m.parent ?? "",
  provider: (m) => m.provider ?? "",
  protect: (m) => String(m.protect === true),
  dependencies: (m) => sorted(m.dependencies),
  propertyDependencies: (m) =>
    JSON.stringify(
      Object.entries(m.propertyDependencies ?? {})
        .filter(([, deps]) => deps.length > 0)
        .map(([k, deps]) => [k, sorted(deps)])
        .sort(([a], [b]) => (a < b ? -1 : 1)),
    ),
  ignoreChanges: (m) => sorted(m.ignoreChanges),
  additionalSecretOutputs: (m) => sorted(m.additionalSecretOutputs),
  customTimeouts: (m) =>
    JSON.stringify(
      Object.entries(m.customTimeouts ?? {})
        .filter(([, v]) => v)
        .sort(),
    ),
};

/** Whether a diff (present: planShapeProblems requires it) changes nothing. */
function isEmptyDiff(diff: ObjectDiff): boolean {
  return (
    Object.keys(diff.adds ?? {}).length === 0 &&
    (diff.deletes ?? []).length === 0 &&
    Object.keys(diff.updates ?? {}).length === 0
  );
}

const shortName = (urn: string) => urn.slice(urn.lastIndexOf("::") + 2);

/**
 * The fields of a saved plan that Pulumi writes (sdk apitype plan.go, v3.259).
 * A field outside these means a plan format this check does not understand:
 * it reports a change, so the update runs (fails closed).
 */
const KNOWN = {
  plan: ["manifest", "config", "resourcePlans"],
  resourcePlan: ["goal", "steps", "state", "seed"],
  goal: [
    "type",
    "name",
    "custom",
    "inputDiff",
    "outputDiff",
    "parent",
    "protect",
    "dependencies",
    "provider",
    "propertyDependencies",
    "deleteBeforeReplace",
    "ignoreChanges",
    "additionalSecretOutputs",
    "aliases",
    "structuredAliases",
    "id",
    "customTimeouts",
  ],
  diff: ["adds", "deletes", "updates"],
} as const;

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === "object" && x !== null && !Array.isArray(x);

/** Fields of `value` outside `known`, or why `value` is not an object, as reasons. */
function unknownFields(value: unknown, known: readonly string[], where: string): string[] {
  if (!isObject(value)) return [`${where}: not an object in the plan (format not understood)`];
  return Object.keys(value)
    .filter((k) => !known.includes(k))
    .map((k) => `${where}: field "${k}" is not one this check knows (plan format changed?)`);
}

/** Why the plan's shape is not the one planChanges reads; empty when every field is known. */
export function planShapeProblems(plan: unknown): string[] {
  const top = unknownFields(plan, KNOWN.plan, "plan");
  if (top.length || !isObject(plan)) return top;
  if (!isObject(plan.resourcePlans)) return ["plan: no resourcePlans (format not understood)"];
  return Object.entries(plan.resourcePlans).flatMap(([urn, rp]) => {
    const name = shortName(urn);
    const own = unknownFields(rp, KNOWN.resourcePlan, name);
    if (own.length || !isObject(rp)) return own;
    // A "same" step is judged by its goal: without one (or its diffs) there is nothing to judge.
    // Other steps are changes whatever their goal says (a delete has none).
    if (!Array.isArray(rp.steps)) return [`${name}: no steps in the plan (format not understood)`];
    if (rp.steps.length !== 1 || rp.steps[0] !== "same") return [];
    const goal = unknownFields(rp.goal, KNOWN.goal, `${name} goal`);
    if (goal.length || !isObject(rp.goal)) return goal;
    return (["inputDiff", "outputDiff"] as const).flatMap((d) =>
      unknownFields((rp.goal as Record<string, unknown>)[d], KNOWN.diff, `${name} goal.${d}`),
    );
  });
}

/** Why an update of this plan would change the stack; empty when it would write back the same state. */
export function planChanges(plan: SavedPlan, stack: ExportedStack): string[] {
  const shape = planShapeProblems(plan);
  if (shape.length) return shape;
  const reasons: string[] = [];
  const pending = stack.deployment?.pending_operations ?? [];
  if (pending.length) reasons.push(`${pending.length} pending operation(s) from an interrupted update`);
  const state = new Map(
    (stack.deployment?.resources ?? []).filter((r) => !r.delete).map((r) => [r.urn, r] as const),
  );
  const plans = plan.resourcePlans ?? {};
  for (const [urn, p] of Object.entries(plans)) {
    const steps = p.steps ?? [];
    const name = shortName(urn);
    if (steps.length !== 1 || steps[0] !== "same") {
      reasons.push(`${name}: ${steps.join(", ") || "no step"}`);
      continue;
    }
    const current = state.get(urn);
    if (!current) {
      reasons.push(`${name}: not in the state (renamed?)`);
      continue;
    }
    const goal = p.goal as Goal & Required<Pick<Goal, "inputDiff" | "outputDiff">>;
    if (!isEmptyDiff(goal.inputDiff)) reasons.push(`${name}: inputs changed`);
    if (!isEmptyDiff(goal.outputDiff)) reasons.push(`${name}: outputs changed`);
    for (const [field, normalise] of Object.entries(METADATA)) {
      if (normalise(goal) !== normalise(current)) reasons.push(`${name}: ${field} changed`);
    }
  }
  for (const urn of state.keys()) {
    if (!(urn in plans)) reasons.push(`${shortName(urn)}: in the state, not in the plan`);
  }
  return reasons;
}
