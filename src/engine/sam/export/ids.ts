/** CloudFormation logical ids are alphanumeric: "orders-dlq" becomes "OrdersDlq", unique within the template. */
export function logicalIds(nodeIds: string[], reserved: Set<string> = new Set()): Map<string, string> {
  const out = new Map<string, string>();
  const taken = new Set(reserved);
  for (const id of nodeIds) {
    let base = id
      .split(/[^A-Za-z0-9]+/)
      .filter(Boolean)
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
      .join('')
      .slice(0, 200);
    if (!base || /^[0-9]/.test(base)) base = `N${base}`;
    let l = base;
    for (let i = 2; taken.has(l); i++) l = `${base}${i}`;
    taken.add(l);
    out.set(id, l);
  }
  return out;
}

export const ref = (id: string) => ({ Ref: id });
export const getAtt = (id: string, att: string) => ({ 'Fn::GetAtt': [id, att] });
