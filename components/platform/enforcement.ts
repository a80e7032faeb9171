import { type PolicyEnforcement } from "../policy/args";
import { type ResolvedGatekeeperPolicies, resolveGatekeeperPolicies } from "../policy/build";
import { CairnInputError } from "../shared/errors";
import { underPath } from "../shared/validate";

/**
 * A cluster's `policyEnforcement`: "preview" (the default) installs nothing; "gatekeeper" adds
 * GatekeeperPolicies for every templated policy, scoped to the cluster's application namespaces.
 * Returns the component's resolved args and inputs, or undefined.
 */
export function resolveEnforcement(
  where: string,
  key: string,
  cluster: string,
  enforcement: PolicyEnforcement,
  namespaces: readonly string[],
): { readonly resolved: ResolvedGatekeeperPolicies; readonly inputs: object } | undefined {
  if (enforcement === "preview") return undefined;
  if (namespaces.length === 0) {
    throw new CairnInputError(
      where,
      `${key}.policyEnforcement`,
      enforcement,
      'Gatekeeper constraints apply to the cluster\'s application namespaces: list at least one in namespaces, or set policyEnforcement: "preview".',
    );
  }
  const inputs = { namespaces: [...namespaces] };
  const resolved = underPath(where, `${key}.policyEnforcement`, () =>
    resolveGatekeeperPolicies(`${cluster}-gatekeeper`, inputs),
  );
  return { resolved, inputs };
}
