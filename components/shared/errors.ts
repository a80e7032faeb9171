import * as pulumi from "@pulumi/pulumi";

/**
 * An expected failure (bad input, a missing chart or kubeconfig, a region that
 * lacks what the stack asks for). A `pulumi.RunError`: the engine prints its
 * message and no stack trace, as a tool does. Bugs stay plain `Error`s.
 */
export class CairnError extends pulumi.RunError {
  constructor(message: string) {
    super(message);
    this.name = "CairnError";
  }
}

/**
 * The one error Cairn raises for bad input. Its message always names the
 * component, the argument, the value received and how to fix it, so a failed
 * `pulumi preview` tells the user exactly what to change.
 */
export class CairnInputError extends CairnError {
  constructor(
    /** Component type and name, e.g. `cairn:k8s:NamespaceBaseline "team-a"`. */
    readonly where: string,
    /** Dotted path of the argument, e.g. `quota.memory`. */
    readonly argument: string,
    /** The value received. */
    readonly value: unknown,
    /** What is wrong and what to do instead. */
    readonly fix: string,
  ) {
    super(`${where}: invalid ${argument} = ${show(value)}. ${fix}`);
    this.name = "CairnInputError";
  }
}

/** Renders a received value compactly and unambiguously for an error message. */
export function show(value: unknown): string {
  if (value === undefined) return "undefined";
  try {
    // Outputs (and secrets) have no value yet at validation time: show a placeholder, never throw.
    // toJSON runs before a replacer sees the value, so look at the raw value on its holder.
    const text = JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
      return pulumi.Output.isInstance(this[key]) ? "(output)" : v;
    });
    return text.length > 120 ? `${text.slice(0, 117)}...` : text;
  } catch {
    return String(value);
  }
}
