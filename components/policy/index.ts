export { gatekeeperPoliciesArgs, POLICY_ENFORCEMENT, policyEnforcement } from "./args";
export type { GatekeeperPoliciesArgs, PolicyEnforcement } from "./args";
export { diskTemplateFiles, GatekeeperPolicies } from "./gatekeeper-policies";
export {
  buildGatekeeperManifests,
  DEFAULT_TEMPLATES_DIR,
  ENFORCED,
  GATEKEEPER_POLICIES_TYPE,
  resolveGatekeeperPolicies,
  templateName,
} from "./build";
export type { ResolvedGatekeeperPolicies, TemplateFiles } from "./build";
