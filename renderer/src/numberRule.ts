/**
 * A number typed into a form, kept as text and checked: a number box that rounds, clamps or
 * drops what it cannot read changes what the person typed without a word (150 became 100, 9o
 * became 9), so forms take the text, refuse it beside the field when it is not a number in
 * range, and read it only once it passed. Full-width digits (７, １．５, typed with a Chinese input
 * method on) are the same number: read as their ASCII forms (NFKC).
 */
const asTyped = (value: string | number | undefined | null) => String(value ?? '').normalize('NFKC').trim();

export function numberRule(label: string, o: { min: number; max: number; decimals: number; required: boolean; example: string }) {
  const pattern = o.decimals > 0 ? new RegExp(`^-?\\d+(\\.\\d{1,${o.decimals}})?$`) : /^-?\d+$/;
  const problem = `应为 ${o.min} 到 ${o.max} 之间的${o.decimals > 0 ? '数字' : '整数'}，如 ${o.example}`;
  return {
    validator: (_: unknown, value: string | number | undefined | null) => {
      const typed = asTyped(value);
      if (typed === '') return o.required ? Promise.reject(new Error(`请填写${label}`)) : Promise.resolve();
      if (!pattern.test(typed) || Number(typed) < o.min || Number(typed) > o.max) return Promise.reject(new Error(`${label}“${typed}”有误：${problem}`));
      return Promise.resolve();
    },
  };
}

/** The number a checked field holds (null when left empty). */
export const numberOf = (typed: string | number | undefined | null): number | null => (asTyped(typed) === '' ? null : Number(asTyped(typed)));
