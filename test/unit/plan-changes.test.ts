import { describe, expect, it } from "vitest";
import { main } from "../../scripts/preview/cli";
import { type ExportedStack, planChanges, type SavedPlan } from "../../scripts/preview/plan";

// The shapes of `pulumi preview --save-plan` and `pulumi stack export`, as Pulumi v3.259 writes them.
const STACK = "urn:pulumi:local::cairn::pulumi:pulumi:Stack::cairn-local";
const PROVIDER = "urn:pulumi:local::cairn::pulumi:providers:kubernetes::k8s::1234";
const MAP = "urn:pulumi:local::cairn::kubernetes:core/v1:ConfigMap::settings";

const samePlan = (goal: Record<string, unknown> = {}): SavedPlan => ({
  resourcePlans: {
    [STACK]: { steps: ["same"], goal: { inputDiff: {}, outputDiff: {}, protect: false, customTimeouts: {} } },
    [PROVIDER]: { steps: ["same"], goal: { parent: STACK, inputDiff: {}, outputDiff: {} } },
    [MAP]: {
      steps: ["same"],
      goal: {
        parent: STACK,
        provider: PROVIDER,
        dependencies: [PROVIDER],
        propertyDependencies: { data: [], metadata: [PROVIDER] },
        inputDiff: {},
        outputDiff: {},
        protect: false,
        customTimeouts: {},
        ...goal,
      },
    },
  },
});

const state = (extra: Record<string, unknown> = {}): ExportedStack => ({
  deployment: {
    resources: [
      { urn: STACK },
      { urn: PROVIDER, parent: STACK },
      {
        urn: MAP,
        parent: STACK,
        provider: PROVIDER,
        dependencies: [PROVIDER],
        propertyDependencies: { metadata: [PROVIDER], data: [] },
        ...extra,
      },
    ],
  },
});

describe("planChanges", () => {
  it("finds nothing when every step is same and every recorded option matches the state", () => {
    expect(planChanges(samePlan(), state())).toEqual([]);
  });

  it("reads unset and empty options alike (the plan and the state each omit different empties)", () => {
    expect(
      planChanges(
        samePlan({ ignoreChanges: [], additionalSecretOutputs: [] }),
        state({ customTimeouts: {} }),
      ),
    ).toEqual([]);
  });

  it("reports any step other than same", () => {
    const plan = samePlan();
    const withUpdate: SavedPlan = { resourcePlans: { ...plan.resourcePlans, [MAP]: { steps: ["update"] } } };
    expect(planChanges(withUpdate, state())).toEqual(["settings: update"]);
  });

  it("reports changed stack outputs, which leave every step same", () => {
    const plan = samePlan();
    const outputs: SavedPlan = {
      resourcePlans: {
        ...plan.resourcePlans,
        [STACK]: {
          steps: ["same"],
          goal: { inputDiff: {}, outputDiff: { updates: { endpoint: "https://b" } } },
        },
      },
    };
    expect(planChanges(outputs, state())).toEqual(["cairn-local: outputs changed"]);
  });

  it("reports options a same step still writes: parent, protect, dependencies, ignoreChanges", () => {
    expect(planChanges(samePlan({ protect: true }), state())).toEqual(["settings: protect changed"]);
    expect(planChanges(samePlan({ dependencies: [] }), state())).toEqual(["settings: dependencies changed"]);
    expect(planChanges(samePlan({ ignoreChanges: ["data"] }), state())).toEqual([
      "settings: ignoreChanges changed",
    ]);
    expect(planChanges(samePlan({ parent: PROVIDER }), state())).toEqual(["settings: parent changed"]);
  });

  it("reports resources only one side has, and pending operations", () => {
    const rest = Object.fromEntries(Object.entries(samePlan().resourcePlans!).filter(([urn]) => urn !== MAP));
    expect(planChanges({ resourcePlans: rest }, state())).toEqual([
      "settings: in the state, not in the plan",
    ]);
    const renamed = `${MAP}-renamed`;
    const sameGoal = { inputDiff: {}, outputDiff: {} };
    expect(
      planChanges({ resourcePlans: { ...rest, [renamed]: { steps: ["same"], goal: sameGoal } } }, state()),
    ).toEqual(["settings-renamed: not in the state (renamed?)", "settings: in the state, not in the plan"]);
    const interrupted: ExportedStack = { deployment: { ...state().deployment, pending_operations: [{}] } };
    expect(planChanges(samePlan(), interrupted)).toEqual([
      "1 pending operation(s) from an interrupted update",
    ]);
  });
});

describe("planChanges on a plan it does not understand (fails closed)", () => {
  const withSettings = (settings: unknown): SavedPlan =>
    ({ resourcePlans: { ...samePlan().resourcePlans, [MAP]: settings } }) as SavedPlan;

  it("reports a field Pulumi does not write today, at any level, so the update runs", () => {
    expect(planChanges({ ...samePlan(), planVersion: 2 } as SavedPlan, state())).toEqual([
      'plan: field "planVersion" is not one this check knows (plan format changed?)',
    ]);
    expect(
      planChanges(
        withSettings({ steps: ["same"], goal: { inputDiff: {}, outputDiff: {} }, ops: [] }),
        state(),
      ),
    ).toEqual(['settings: field "ops" is not one this check knows (plan format changed?)']);
    expect(
      planChanges(
        withSettings({ steps: ["same"], goal: { inputDiff: {}, outputDiff: {}, hooks: {} } }),
        state(),
      ),
    ).toEqual(['settings goal: field "hooks" is not one this check knows (plan format changed?)']);
    expect(
      planChanges(
        withSettings({ steps: ["same"], goal: { inputDiff: { replaces: ["a"] }, outputDiff: {} } }),
        state(),
      ),
    ).toEqual([
      'settings goal.inputDiff: field "replaces" is not one this check knows (plan format changed?)',
    ]);
  });

  it("reports a missing or renamed goal or diff instead of reading it as no change", () => {
    expect(planChanges(withSettings({ steps: ["same"] }), state())).toEqual([
      "settings goal: not an object in the plan (format not understood)",
    ]);
    expect(
      planChanges(withSettings({ steps: ["same"], goal: { inputDiff: {}, outputDiffs: {} } }), state()),
    ).toEqual(['settings goal: field "outputDiffs" is not one this check knows (plan format changed?)']);
    expect(planChanges(withSettings({ steps: ["same"], goal: { inputDiff: {} } }), state())).toEqual([
      "settings goal.outputDiff: not an object in the plan (format not understood)",
    ]);
    expect(planChanges({} as SavedPlan, state())).toEqual(["plan: no resourcePlans (format not understood)"]);
    expect(planChanges(null as unknown as SavedPlan, state())).toEqual([
      "plan: not an object in the plan (format not understood)",
    ]);
  });
});

describe("preview run changes", () => {
  const io = (files: Record<string, unknown>) => {
    const out: string[] = [];
    return {
      out,
      io: {
        readFile: (f: string) => JSON.stringify(files[f]),
        write: (t: string) => out.push(t),
        error: (t: string) => out.push(t),
      },
    };
  };

  it("exits 0 and prints nothing when the update would change nothing, 1 with the reasons otherwise", () => {
    const same = io({ plan: samePlan(), state: state() });
    expect(main(["changes", "plan", "state"], same.io)).toBe(0);
    expect(same.out.join("")).toBe("");
    const changed = io({ plan: samePlan({ protect: true }), state: state() });
    expect(main(["changes", "plan", "state"], changed.io)).toBe(1);
    expect(changed.out.join("")).toBe("  settings: protect changed\n");
  });

  it("exits 2 and names both files when one cannot be read (scripts/stack then runs the update)", () => {
    const broken = io({ plan: samePlan() });
    broken.io.readFile = (f: string) => {
      if (f === "state") throw new Error("ENOENT");
      return JSON.stringify(samePlan());
    };
    expect(main(["changes", "plan", "state"], broken.io)).toBe(2);
    expect(broken.out.join("")).toContain("cannot read the plan plan or the stack export state: ENOENT");
  });
});
