# METADATA
# title: Pinned images from allowed registries
# description: >-
#   Every container image is pinned (a digest, or an explicit tag other than
#   latest) and comes from an allowed registry. The allowlist is the
#   `allowedRegistries` parameter (prefixes of the normalised reference,
#   e.g. "docker.io/istio/"); its default covers every image that the charts
#   Cairn pins pull. The placeholder image "auto" is allowed only in pods that
#   Istio's injector rewrites (the gateway injection template), as it replaces
#   the placeholder with its own proxy image at admission.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/containers/images/#image-names
# custom:
#   severity: high
#   parameters:
#     allowedRegistries:
#       type: array
#       items:
#         type: string
#   remediation: Use registry/repository:tag@sha256:digest from an allowed registry, or add the registry to allowedRegistries.
package cairn.kubernetes.images

import data.cairn.lib
import data.cairn.lib.kubernetes as k8s

default_registries := [
	"registry.k8s.io/", "registry.istio.io/release/", "docker.io/istio/", "gcr.io/istio-release/",
	"docker.io/hashicorp/", "quay.io/prometheus/", "quay.io/prometheus-operator/", "docker.io/envoyproxy/",
	"quay.io/argoproj/", "ghcr.io/cairn-platform/",
]

allowed_registries := lib.field(input, ["parameters", "allowedRegistries"], default_registries)

# METADATA
# description: The image reference with the implied registry made explicit (nginx -> docker.io/library/nginx).
normalise(image) := concat("/", ["docker.io", "library", image]) if {
	not contains(image, "/")
} else := concat("/", ["docker.io", image]) if {
	first := split(image, "/")[0]
	not contains(first, ".")
	not contains(first, ":")
	first != "localhost"
} else := image

# METADATA
# description: The tag of an image reference, if it has one (a port in the registry is not a tag).
tag(image) := t if {
	name := split(image, "@")[0]
	parts := split(name, "/")
	last := parts[count(parts) - 1]
	contains(last, ":")
	t := split(last, ":")[1]
}

# METADATA
# description: The image has a digest, or no digest and a tag other than latest.
pinned(image) if {
	contains(image, "@sha256:")
} else if {
	not contains(image, "@")
	tag(image) != "latest"
}

# METADATA
# description: >-
#   Images the policy checks: all but the "auto" placeholder of a pod that
#   Istio's injector rewrites (label sidecar.istio.io/inject "true" and an
#   inject.istio.io/templates annotation; the injector fills in its proxy image).
checked_containers := [entry |
	some entry in k8s.containers
	not injector_placeholder(entry)
]

injector_placeholder(entry) if {
	entry.image == "auto"
	object.get(k8s.obj, k8s.pod_metadata_path("labels"), {})["sidecar.istio.io/inject"] == "true"
	k8s.pod_annotations["inject.istio.io/templates"]
}

# METADATA
# title: Image pinned
# description: The image has a digest or an explicit tag other than latest.
# custom:
#   remediation: Pin the image to a version tag (and ideally a digest).
deny contains lib.finding(array.concat(entry.path, ["image"]), msg) if {
	some entry in checked_containers
	not pinned(entry.image)
	msg := concat("", [k8s.container_label(entry), ": image ", lib.show(entry.image), " is not pinned (no tag, or :latest); use an explicit version tag or @sha256 digest"])
}

# METADATA
# title: Image from an allowed registry
# description: The normalised image reference starts with one of allowedRegistries.
# custom:
#   remediation: Mirror the image into an allowed registry, or add the registry to the allowedRegistries parameter.
deny contains lib.finding(array.concat(entry.path, ["image"]), msg) if {
	some entry in checked_containers
	ref := normalise(entry.image)
	not startswith_any(ref, allowed_registries)
	msg := concat("", [k8s.container_label(entry), ": image ", lib.show(entry.image), " (", lib.text(ref), ") is not from an allowed registry ", lib.show(allowed_registries), "; mirror it or extend allowedRegistries"])
}

startswith_any(s, prefixes) if {
	some prefix in prefixes
	startswith(s, prefix)
}

# METADATA
# title: Deferred while an image is unknown
# description: Images computed from values unknown at preview are checked by `pulumi up`.
deferred contains finding if some finding in k8s.deferred_pod_spec
