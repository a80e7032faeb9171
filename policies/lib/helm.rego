# METADATA
# title: Cairn Helm helpers
# description: >-
#   Recognises Helm chart resources (kubernetes:helm.sh/v3:Chart,
#   kubernetes:helm.sh/v3:Release, kubernetes:helm.sh/v4:Chart) and reads
#   their chart name and values, so policies can check a chart's settings
#   before anything is rendered.
package cairn.lib.helm

import data.cairn.lib

chart_types := ["kubernetes:helm.sh/v3:Chart", "kubernetes:helm.sh/v3:Release", "kubernetes:helm.sh/v4:Chart"]

default is_chart := false

is_chart if input.type in chart_types

# METADATA
# description: The chart's base name ("oci://r/charts/consul" and "consul" both give "consul").
chart_name := name if {
	is_chart
	ref := object.get(lib.props, "chart", "")
	parts := split(trim_suffix(ref, "/"), "/")
	name := parts[count(parts) - 1]
}

values := object.get(lib.props, "values", {}) if is_chart

# METADATA
# description: The value at a dotted path in the chart values, or `default_value`.
value(path, default_value) := object.get(values, split(path, "."), default_value)

# METADATA
# description: Deferral notices for unknown chart values.
deferred := lib.deferred_paths([["values"], ["chart"]]) if is_chart
