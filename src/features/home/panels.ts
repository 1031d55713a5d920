/**
 * What each role must do today: every capability that has work for someone contributes one panel to the home page
 * (ADR 0016). A panel's counts come from the same service queries as the lists they link to, so a count and the list
 * it opens always agree (test/home-counts.test.ts follows every count's link and compares the list's total).
 *
 * A capability publishes a `HomeContributor` from its own `home.ts`; the composition root (src/home-panels.ts) lists
 * them; the home page renders whatever the signed-in user's permissions let them see, in `order`.
 */
import { type Permission } from '../../domain/roles.js';
import { type CurrentUser } from '../../platform/authz.js';

/** How urgent a count is: overdue (red), due today or soon (yellow), or work waiting that has no clock yet. */
export type HomeTone = 'overdue' | 'due' | 'waiting';

/** One number that opens the list it counts: "3 contacts overdue for a decision". */
export interface HomeCount {
  count: number;
  /** The words after the number, e.g. "contacts overdue for a decision" (already singular or plural). */
  text: string;
  /** The filtered list this count was taken from; it shows the same total. */
  href: string;
  tone: HomeTone;
}

/** One thing named on the home page: the next meeting, a report due, a register to take. */
export interface HomeItem {
  text: string;
  href: string;
  /** Where, who or what, after the link. */
  detail?: string;
  /** When it is due or happens, in words ("today at 2pm", "due 10 December 2026"). */
  when?: string;
  /** Marked red when it is late. */
  overdue?: boolean;
}

export interface HomePanel {
  /** The heading: the work, in the practitioner's words ("Front door", "MARAC"). */
  title: string;
  counts: HomeCount[];
  /** The next few things by date (the next meeting first). */
  items?: HomeItem[];
  /** A caption for `items`, e.g. "Next meetings". */
  itemsTitle?: string;
  /** Links to the area's lists and the things one starts from here ("Record a contact"). */
  links?: { text: string; href: string }[];
  /** Said when there is nothing to do, e.g. "Nothing waiting for your agency." */
  empty?: string;
}

export interface HomeContributor {
  /** Stable name, for tests and the order. */
  id: string;
  /** Lower first. Front-door work first, then cases, then the partnership, then administration. */
  order: number;
  /** Shown to anyone with any of these permissions. */
  needs: readonly Permission[];
  /** The panel for this user, or null when the capability has nothing to say to them. */
  panel(user: CurrentUser): Promise<HomePanel | null>;
}

/** Singular or plural words after a count: plural(1, 'contact') → "contact", plural(2, 'contact') → "contacts". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return count === 1 ? one : many;
}

/** The contributors in order; the home page asks each that the user may see, one after another (PGlite has one connection). */
export class HomePanels {
  private readonly contributors: HomeContributor[];

  constructor(contributors: readonly HomeContributor[]) {
    const ids = new Set<string>();
    for (const c of contributors) {
      if (ids.has(c.id)) throw new Error(`Two home panels are called ${c.id}`);
      ids.add(c.id);
    }
    this.contributors = [...contributors].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  }

  /** The contributors this user's permissions reach. */
  for(permissions: ReadonlySet<Permission>): HomeContributor[] {
    return this.contributors.filter((c) => c.needs.some((p) => permissions.has(p)));
  }

  async panelsFor(user: CurrentUser): Promise<(HomePanel & { id: string })[]> {
    const out: (HomePanel & { id: string })[] = [];
    for (const c of this.for(user.permissions)) {
      const panel = await c.panel(user);
      if (panel) out.push({ ...panel, id: c.id });
    }
    return out;
  }
}
