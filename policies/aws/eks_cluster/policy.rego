# METADATA
# title: EKS control plane hardened
# description: >-
#   An EKS cluster (aws:eks/cluster:Cluster) keeps its API endpoint private,
#   sends every control-plane log to CloudWatch, encrypts Kubernetes secrets
#   with a customer-managed KMS key and authenticates through access entries.
# related_resources:
#   - ref: https://docs.aws.amazon.com/eks/latest/best-practices/security.html
# custom:
#   severity: critical
#   parameters:
#     allowPublicEndpoint:
#       type: boolean
#   remediation: Use Cairn's EksCluster defaults (private endpoint, all logs, KMS secrets encryption, API authentication).
package cairn.aws.eks_cluster

import data.cairn.lib

applies if input.type == "aws:eks/cluster:Cluster"

required_logs := {"api", "audit", "authenticator", "controllerManager", "scheduler"}

vpc := lib.field(lib.props, "vpcConfig", {})

# The API default for endpointPublicAccess is true.
public_endpoint := lib.field(vpc, "endpointPublicAccess", true)

allow_public := lib.field(input, ["parameters", "allowPublicEndpoint"], false)

# METADATA
# title: Public endpoint not open to the internet
# description: A public endpoint must list publicAccessCidrs and none of them may be 0.0.0.0/0 (an empty list means 0.0.0.0/0).
# custom:
#   remediation: Set vpcConfig.endpointPublicAccess false, or list the admin CIDRs in publicAccessCidrs.
deny contains lib.finding(["vpcConfig", "endpointPublicAccess"], msg) if {
	applies
	public_endpoint != false
	cidrs := lib.field(vpc, "publicAccessCidrs", [])
	open_to_all(cidrs)
	msg := sprintf("%s: vpcConfig.endpointPublicAccess is %s and publicAccessCidrs is %s, so the Kubernetes API is open to the internet; set endpointPublicAccess false or list admin CIDRs (CIS EKS 5.4.1)", [lib.resource_label, lib.show(public_endpoint), lib.show(cidrs)])
}

open_to_all(cidrs) if count(cidrs) == 0

open_to_all(cidrs) if {
	some cidr in cidrs
	lib.open_cidr(cidr)
}

# METADATA
# title: Private endpoint only
# description: endpointPrivateAccess is true, and endpointPublicAccess is false unless the allowPublicEndpoint parameter is true.
# custom:
#   remediation: Set vpcConfig.endpointPrivateAccess true and endpointPublicAccess false.
deny contains lib.finding(["vpcConfig", "endpointPrivateAccess"], msg) if {
	applies
	value := lib.field(vpc, "endpointPrivateAccess", false)
	value != true
	msg := sprintf("%s: vpcConfig.endpointPrivateAccess is %s; set it to true so nodes reach the API inside the VPC (CIS EKS 5.4.2)", [lib.resource_label, lib.show(value)])
}

# METADATA
# title: No public endpoint unless allowed
# description: >-
#   endpointPublicAccess is false, unless the allowPublicEndpoint parameter
#   allows a public endpoint for this stack.
# custom:
#   remediation: Set vpcConfig.endpointPublicAccess false, or set allowPublicEndpoint (with publicAccessCidrs) after review.
deny contains lib.finding(["vpcConfig", "endpointPublicAccess"], msg) if {
	applies
	public_endpoint != false
	allow_public != true
	msg := sprintf("%s: vpcConfig.endpointPublicAccess is %s; set it to false (CIS EKS 5.4.2) or set the allowPublicEndpoint parameter for this stack", [lib.resource_label, lib.show(public_endpoint)])
}

# METADATA
# title: All control-plane logs enabled
# description: enabledClusterLogTypes includes api, audit, authenticator, controllerManager and scheduler.
# custom:
#   remediation: Set enabledClusterLogTypes to all five log types.
deny contains lib.finding(["enabledClusterLogTypes"], msg) if {
	applies
	enabled := lib.field(lib.props, "enabledClusterLogTypes", [])
	missing := required_logs - {t | some t in enabled}
	count(missing) > 0
	msg := sprintf("%s: enabledClusterLogTypes is %s and lacks %s; enable every control-plane log (CIS EKS 2.1.1)", [lib.resource_label, lib.show(enabled), lib.show(sort(missing))])
}

# METADATA
# title: Secrets encrypted with a customer key
# description: encryptionConfig covers "secrets" with provider.keyArn set (this can only be set at creation).
# custom:
#   remediation: Set encryptionConfig {resources [secrets], provider.keyArn <KMS key ARN>}.
deny contains lib.finding(["encryptionConfig"], msg) if {
	applies
	config := lib.field(lib.props, "encryptionConfig", {})
	not secrets_encrypted(config)
	msg := sprintf("%s: encryptionConfig is %s; encrypt \"secrets\" with a customer-managed KMS key (provider.keyArn) (CIS EKS 5.3.1)", [lib.resource_label, lib.show(config)])
}

secrets_encrypted(config) if {
	"secrets" in config.resources
	is_string(config.provider.keyArn)
	config.provider.keyArn != ""
}

# METADATA
# title: Access entries, not aws-auth
# description: accessConfig.authenticationMode is API or API_AND_CONFIG_MAP.
# custom:
#   remediation: Set accessConfig.authenticationMode API.
deny contains lib.finding(["accessConfig", "authenticationMode"], msg) if {
	applies
	mode := lib.field(lib.props, ["accessConfig", "authenticationMode"], "CONFIG_MAP")
	not mode in {"API", "API_AND_CONFIG_MAP"}
	msg := sprintf("%s: accessConfig.authenticationMode is %s; use API (access entries) instead of the aws-auth ConfigMap (CIS EKS 4.1.7)", [lib.resource_label, lib.show(mode)])
}

# METADATA
# title: Deferred while inputs are unknown
# description: Values unknown at preview are checked by `pulumi up`.
deferred contains finding if {
	applies
	some finding in lib.deferred_paths([["vpcConfig", "endpointPublicAccess"], ["vpcConfig", "endpointPrivateAccess"], ["vpcConfig", "publicAccessCidrs"], ["enabledClusterLogTypes"], ["encryptionConfig"], ["accessConfig"]])
}
