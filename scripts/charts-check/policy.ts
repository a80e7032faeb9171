/**
 * Cairn's policy pack on a chart's objects, through the pack's own code path:
 * the mapping (policies/mapping.ts), the wasm bundle and the Evaluator's
 * verdicts with the reviewed exemptions (policies/exemptions.yaml), at the
 * level the pack gives each policy for a profile (policies/config.ts).
 */
import {
  defaultLevel,
  type Level,
  loadExemptions,
  loadPolicyDocs,
  type PolicyDoc,
  type Profile,
} from "../../policies/config";
import { type PulumiResource, toResourceInput } from "../../policies/mapping";
import { Evaluator } from "../../policies/pack";
import { evaluateResource } from "../../policies/wasm";

/** One policy violation on one object, at the level the pack enforces it. */
export interface Denial {
  readonly policy: string;
  /** `mandatory` fails a preview; `advisory` is reported only (the pack's enforcement level). */
  readonly level: Level;
  /** The object, `Kind namespace/name` (or the v4 Chart resource's name). */
  readonly object: string;
  readonly message: string;
}

/** A finding covered by a reviewed exemption. */
export interface Exempted {
  readonly policy: string;
  readonly object: string;
  readonly message: string;
  readonly reason: string;
}

/** What the pack says about a set of resources. */
export interface PolicyResult {
  readonly denials: Denial[];
  readonly exempted: Exempted[];
}

/** Evaluates resources as `pulumi up` would (no values unknown): one Evaluator per check. */
export class PackRunner {
  private readonly evaluator = new Evaluator(loadExemptions(), () => false);
  private readonly docs: Readonly<Record<string, PolicyDoc>> = loadPolicyDocs();

  constructor(readonly profile: Profile) {}

  /** The level the pack gives a policy in this profile (an unknown policy is mandatory: it cannot be placed). */
  level(policy: string): Level {
    const doc = this.docs[policy];
    return doc ? defaultLevel(this.profile, doc.severity) : "mandatory";
  }

  /** Every violation and exemption of every policy on these resources; `label` names each one. */
  evaluate(
    resources: readonly { readonly resource: PulumiResource; readonly label: string }[],
  ): PolicyResult {
    const result: PolicyResult = { denials: [], exempted: [] };
    for (const { resource, label } of resources) {
      const policies = [...new Set(this.evaluator.resourceFindings(resource).map((f) => f.policy))].sort();
      for (const policy of policies) {
        const verdict = this.evaluator.resourceVerdict(policy, resource);
        const level = this.level(policy);
        // With no unknown values there is nothing to defer: a deferral would be a policy that cannot decide.
        for (const message of [...verdict.violations, ...verdict.deferred]) {
          if (level !== "disabled") result.denials.push({ policy, level, object: label, message });
        }
        for (const e of verdict.exempted) result.exempted.push({ policy, object: label, ...e });
      }
    }
    return result;
  }
}

const IMAGES_POLICY = "kubernetes.images";

const imagesDenials = (resource: PulumiResource) =>
  evaluateResource(toResourceInput(resource)).filter((f) => f.policy === IMAGES_POLICY && f.kind === "deny");

/** The placeholder image that Istio's injector replaces with its proxy image at admission. */
export const INJECTOR_PLACEHOLDER = "auto";

/**
 * Whether the images policy accepts the injector placeholder where `resource` uses it
 * (a pod that the injector rewrites): no images denial of that object names it.
 */
export const placeholderAccepted = (resource: PulumiResource): boolean =>
  !imagesDenials(resource).some((f) => f.message.includes(`"${INJECTOR_PLACEHOLDER}"`));

/** The images policy's denials of one container running `image` (a bare Pod in `default`). */
function imageFindings(image: string): number {
  const pod: PulumiResource = {
    type: "kubernetes:core/v1:Pod",
    urn: "urn:pulumi:charts-check::cairn::kubernetes:core/v1:Pod::image",
    name: "image",
    props: {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "image", namespace: "default" },
      spec: { containers: [{ name: "c", image }] },
    },
  };
  return imagesDenials(pod).length;
}

/** `image` pinned to a tag, so only the allowlist rule can deny it (a digest is pinned already). */
function withTag(image: string): string {
  if (image.includes("@sha256:")) return image;
  const name = image.split("@")[0];
  const slash = name.lastIndexOf("/");
  const colon = name.lastIndexOf(":");
  return `${colon > slash ? name.slice(0, colon) : name}:cairn-check`;
}

/**
 * What the images policy says of an image: `allowed` when its allowlist
 * (default allowedRegistries) lets the registry in, `pinned` when it has a
 * digest or a version tag. Asked of the policy itself, never re-implemented.
 */
export function imageVerdict(image: string): { readonly allowed: boolean; readonly pinned: boolean } {
  const registryDenials = imageFindings(withTag(image));
  return { allowed: registryDenials === 0, pinned: imageFindings(image) === registryDenials };
}
