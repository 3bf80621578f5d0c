import type { Detection } from './types';

/**
 * The detection exactly as the `detect` command prints it and fixtures' `.expected.json` hold it:
 * the documented fields, in a fixed order, nothing internal.
 */
export function toContract(d: Detection): Detection {
  return {
    provider: d.provider,
    view: d.view,
    account: d.account,
    degraded: d.degraded ?? [],
    items: d.items.map((i) => ({
      kind: i.kind,
      id: i.id,
      subject: i.subject,
      at: i.at,
      people: i.people.map((p) => ({ email: p.email, name: p.name, role: p.role })),
      ...(i.moreRecipients ? { moreRecipients: i.moreRecipients } : {}),
    })),
  };
}
