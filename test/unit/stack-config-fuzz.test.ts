import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { Platform, resolveStackConfig } from "../../components/platform";
import { diskChartFiles } from "../../components/shared/chart-files";
import { CairnInputError } from "../../components/shared/errors";
import { type PulumiResource, toResourceInput } from "../../policies/mapping";
import { evaluateResource } from "../../policies/wasm";
import { type RecordedResource, ResourceRecorder } from "../helpers/mocks";
import { cairnConfig, stackSources } from "../helpers/stack-files";

/**
 * Property-based fuzzing of the four real stack files: a random mutation either
 * passes validation, and then the Platform it describes constructs under mocks
 * (every one: resolution passing must mean construction cannot throw) and the
 * policy pack evaluates what it registers (the first few; a denial is allowed:
 * a valid config may still be one the pack blocks at preview, e.g. a control-
 * plane log left out; the unmutated files have none), or it fails with a
 * CairnInputError naming a `cairn:` key. Never a raw exception, and
 * prototype-pollution keys never reach global objects. The seed varies per run
 * and is printed; FUZZ_SEED=<n> replays a run, and a failure prints the edits.
 */
const STACKS = ["local", "aws-staging", "alicloud-prod", "multicloud-prod"];
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const RUNS = 40;
/** Passing mutations also run through the pack (slower): the first few per file. */
const PACK_RUNS = 4;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const config = (stack: string) => cairnConfig(`Pulumi.${stack}.yaml`) as { [key: string]: Json };
const sources = stackSources;

/** Every path to a value in the tree (objects and arrays included), root excluded. */
function paths(v: Json, at: (string | number)[] = []): (string | number)[][] {
  if (v === null || typeof v !== "object") return [];
  const entries: [string | number, Json][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
  return entries.flatMap(([k, x]) => [[...at, k], ...paths(x, [...at, k])]);
}

/** A JSON-parsed object: `__proto__` is an own key, as a YAML or JSON config reader gives it. */
const pollution = fc.constantFrom(
  JSON.parse('{"__proto__": {"polluted": true}}') as Json,
  JSON.parse('{"constructor": {"prototype": {"polluted": true}}}') as Json,
  JSON.parse('{"prototype": {"polluted": true}}') as Json,
);
const value: fc.Arbitrary<Json> = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom("", "0", "-1", "*", "0.0.0.0/0", "kube-system", "cluster-admin", "true", "1e309", "../x"),
  fc.integer({ min: -5, max: 70000 }),
  fc.constantFrom(0, -1, 1.5, 1e309, Number.NaN),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 2 }),
  pollution,
);

/**
 * One edit: replace, delete or add a key (possibly `__proto__`) at a path chosen by index, or
 * confuse the type of the value there (a list becomes a string, a map a list, a string a number,
 * a number a string; or null).
 */
type Edit =
  | { op: "replace" | "delete"; at: number; value: Json }
  | { op: "add"; at: number; key: string; value: Json }
  | { op: "confuse"; at: number; toNull: boolean };
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant("confuse" as const), at: fc.nat(), toNull: fc.boolean() }),
  fc.record({ op: fc.constantFrom("replace" as const, "delete" as const), at: fc.nat(), value }),
  fc.record({
    op: fc.constant("add" as const),
    at: fc.nat(),
    key: fc.oneof(
      fc.constantFrom("__proto__", "constructor", "prototype", "toString"),
      fc.string({ maxLength: 8 }),
    ),
    value,
  }),
);

/** The same data under the wrong type, as a hand-edited YAML file gives it. */
function confused(v: Json): Json {
  if (Array.isArray(v)) return v.length > 0 && typeof v[0] === "string" ? v[0] : JSON.stringify(v);
  if (v !== null && typeof v === "object") return [v];
  if (typeof v === "string") return Number.isNaN(Number(v)) ? v.length : Number(v);
  if (typeof v === "number") return String(v);
  return v === null ? {} : [v];
}

function mutate(original: { [key: string]: Json }, edits: readonly Edit[]): { [key: string]: Json } {
  const tree = structuredClone(original);
  for (const e of edits) {
    const all = paths(tree);
    if (all.length === 0) break;
    const target = all[e.at % all.length];
    const parent = target.slice(0, -1).reduce<Json>((node, k) => (node as Record<string, Json>)[k], tree);
    const last = target[target.length - 1];
    const node = parent as Record<string | number, Json>;
    if (e.op === "replace") node[last] = e.value;
    else if (e.op === "confuse") node[last] = e.toNull ? null : confused(node[last]);
    else if (e.op === "delete") {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete node[last];
    } else if (e.op === "add") {
      // Keys go into mappings only: a YAML sequence has no named keys.
      const isMapping = (n: Json): n is { [key: string]: Json } =>
        n !== null && typeof n === "object" && !Array.isArray(n);
      const holder = node[last];
      const at = isMapping(holder) ? holder : isMapping(parent) ? parent : undefined;
      if (at) {
        Object.defineProperty(at, e.key, {
          value: e.value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
    }
  }
  return tree;
}

/** The pack's resource-level denials for every custom resource the Platform registered. */
function denials(resources: readonly RecordedResource[]): string[] {
  return resources
    .filter((r) => r.custom)
    .flatMap((r) => {
      const resource: PulumiResource = {
        type: r.type,
        urn: `urn:pulumi:fuzz::cairn::${r.type}::${r.name}`,
        name: r.name,
        props: r.inputs,
        opts: { protect: r.protect === true },
      };
      return evaluateResource(toResourceInput(resource))
        .filter((f) => f.kind === "deny")
        .map((f) => `${r.type} ${r.name}: ${f.message}`);
    });
}

/** Everything the Platform registers for a stack config, under mocks. */
async function construct(raw: { [key: string]: Json }): Promise<readonly RecordedResource[]> {
  const recorder = new ResourceRecorder();
  new Platform("platform", resolveStackConfig(raw, sources, diskChartFiles), recorder.opts);
  return recorder.settled();
}

const packDenials = async (raw: { [key: string]: Json }) => denials(await construct(raw));

const prototypeKeys = () => [
  Object.getOwnPropertyNames(Object.prototype),
  Object.getOwnPropertyNames(Array.prototype),
];

/** Passing mutations over all four files: at least one, or the construction half never ran. */
let passedAnywhere = 0;
afterAll(() => {
  expect(
    passedAnywhere,
    `no mutation passed validation in any stack file (FUZZ_SEED=${SEED})`,
  ).toBeGreaterThan(0);
});

describe.each(STACKS)("fuzzed stack config %s", (stack) => {
  const original = config(stack);

  it("builds a Platform the pack allows, unmutated", async () => {
    expect(await packDenials(original)).toEqual([]);
  });

  it(`passes and constructs, or fails with a CairnInputError on a cairn: key (${RUNS} seeded mutations)`, async () => {
    console.log(`stack-config fuzz ${stack}: FUZZ_SEED=${SEED}`);
    const before = prototypeKeys();
    let constructed = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 3 }), async (edits) => {
        const raw = mutate(original, edits);
        try {
          resolveStackConfig(raw, sources, diskChartFiles);
        } catch (e) {
          if (!(e instanceof CairnInputError)) throw e;
          expect(e.argument).toMatch(/^cairn:/);
          expect(e.fix.length).toBeGreaterThan(0);
          return;
        }
        const resources = await construct(raw).catch((e: unknown) => {
          throw new Error(`resolution passed but construction threw (FUZZ_SEED=${SEED}): ${String(e)}`);
        });
        constructed++;
        passedAnywhere++;
        // The pack must evaluate what a valid config registers (throws otherwise).
        if (constructed <= PACK_RUNS) denials(resources);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    expect(prototypeKeys()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
