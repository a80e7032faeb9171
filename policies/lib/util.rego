# METADATA
# title: Cairn policy helpers
# description: >-
#   Shared helpers for every Cairn policy: the unknown-value sentinel that the
#   pack puts where Pulumi does not know a value yet (preview), deferral
#   messages for those values, message formatting and resource labels.
package cairn.lib

# The pack replaces every value Pulumi cannot know during preview with this string.
unknown := "__cairn_unknown__"

# METADATA
# description: Shows any value in a message as JSON, the same way in wasm, opa eval and Gatekeeper.
show(x) := json.marshal(x)

# METADATA
# description: How a message names the resource, the URN when Pulumi gave one.
resource_label := input.urn if is_string(input.urn)

else := concat("", [
	text(object.get(input.review.object, "kind", "object")), " ",
	text(object.get(input.review.object.metadata, "namespace", "-")), "/",
	text(object.get(input.review.object.metadata, "name", "-")),
]) if {
	input.review.object
}

else := "resource"

# METADATA
# description: The resource's inputs (for Kubernetes objects the object itself).
props := input.props if is_object(input.props)

else := input.review.object if is_object(input.review.object)

else := {}

# METADATA
# description: True when the resource type is one of `types`.
type_in(types) if input.type in types

# METADATA
# description: >-
#   A finding about the resource under review: {resource, field, message}.
#   `resource` is how messages name it (the URN, or Kind namespace/name);
#   `field` is the input path the finding is about (keys and array indexes as
#   strings, the same coordinates as input.unknowns), or [] when it is about no
#   single input. The pack decides from `field`, never from the message, whether
#   a denial rests on a value unknown at preview (and is then a deferral).
finding(at, msg) := finding_about(resource_label, at, msg)

# METADATA
# description: >-
#   A finding about a named resource (stack policies): its URN (or Kind
#   namespace/name, or "stack" for the stack as a whole), the input path in that
#   resource, and the message.
finding_about(resource, at, msg) := {
	"resource": resource,
	"field": [path_text(p) | some p in at],
	"message": msg,
}

# METADATA
# description: >-
#   Deferral findings for unknown values: one per unknown path (in
#   input.unknowns) that lies on or under one of `prefixes` (or above it, when a
#   whole object is unknown); the finding's field is the unknown path.
deferred_paths(prefixes) := {finding(path, msg) |
	some path in object.get(input, "unknowns", [])
	some prefix in prefixes
	overlaps(prefix, path)
	msg := concat("", [resource_label, ": ", concat(".", [path_text(p) | some p in path]), " is unknown during preview, so this check is deferred to `pulumi up`, which enforces it"])
}

# METADATA
# description: >-
#   One path element as text, the same as sprintf("%v", [p]): keys stay, array
#   indexes become their digits. Strings and integers take built-ins the wasm
#   bundle runs natively (sprintf is a call out to JavaScript, which cost the
#   pack about a third of its time); anything else still goes through sprintf.
path_text(p) := p if {
	is_string(p)
} else := text if {
	is_number(p)
	text := format_int(p, 10)
	to_number(text) == p
} else := sprintf("%v", [p])

# METADATA
# description: >-
#   A value as sprintf("%s", [x]) shows it, natively for strings (the usual
#   case) so that messages need no call out of the wasm bundle; anything else
#   still goes through sprintf. Messages are concat()s of these pieces: the
#   same text as one sprintf over the whole format.
text(x) := x if {
	is_string(x)
} else := sprintf("%s", [x])

# METADATA
# description: True when the path `a` is a prefix of `b` or `b` of `a`.
overlaps(a, b) if {
	n := min([count(a), count(b)])
	array.slice(a, 0, n) == array.slice(b, 0, n)
}

# METADATA
# description: True when x is the unknown sentinel (at preview).
is_unknown(x) if x == unknown

# METADATA
# description: A boolean that is explicitly true.
is_true(x) if x == true

# METADATA
# description: The value at path in props, or `default_value` when it is absent or null.
get(path, default_value) := field(props, path, default_value)

# METADATA
# description: A CIDR that means "anywhere".
open_cidr(cidr) if cidr in ["0.0.0.0/0", "::/0"]

# METADATA
# description: Admin ports that must never be open to anywhere, unless a policy's parameter overrides them.
default_admin_ports := [22, 3389, 6443, 10250, 2379, 2380, 5985, 5986]

# METADATA
# description: >-
#   The admin ports inside [from, to], from the policy parameter `parameter`
#   (each policy names its own: parameter names are unique across the pack).
admin_ports_in(parameter, from, to) := [p |
	some p in object.get(input, ["parameters", parameter], default_admin_ports)
	from <= p
	p <= to
]

# METADATA
# description: >-
#   object.get that treats an explicit null like a missing value: Pulumi sends
#   null for an input that is not set, and a policy must judge it by the
#   default, never skip the resource because the value is not an object.
field(obj, path, fallback) := value if {
	value := object.get(obj, path, null)
	value != null
} else := fallback
