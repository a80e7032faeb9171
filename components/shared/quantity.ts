/**
 * Kubernetes resource quantities (`500m`, `2`, `1.5Gi`), as the API server reads
 * them (k8s.io/apimachinery `resource.Quantity`): decimal suffixes m, k, M, G,
 * T, P, E are powers of 1000, binary suffixes Ki … Ei powers of 1024. Only the
 * forms {@link QUANTITY_PATTERN} accepts (no sign, no exponent) are parsed.
 */

/** The quantity forms Cairn accepts: digits with an optional fraction and suffix. */
export const QUANTITY_PATTERN = /^([0-9]+)(?:\.([0-9]+))?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/;

const MULTIPLIER: Readonly<Record<string, number>> = {
  "": 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/**
 * The quantity in base units (cores, bytes), or undefined when it is not a
 * quantity. Computed as one division of exact integers, so equal quantities
 * written differently (`100m` and `0.1`, `1Gi` and `1024Mi`) give equal numbers.
 */
export function parseQuantity(text: string): number | undefined {
  const m = QUANTITY_PATTERN.exec(text);
  if (!m) return undefined;
  const [, whole, fraction = "", suffix = ""] = m;
  const digits = Number(whole + fraction);
  const milli = suffix === "m";
  const scale = 10 ** (fraction.length + (milli ? 3 : 0));
  return (digits * (milli ? 1 : MULTIPLIER[suffix])) / scale;
}
