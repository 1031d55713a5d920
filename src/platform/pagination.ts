/**
 * The GOV.UK pagination component's parameters for a list of `total` items shown `pageSize` at a time: previous and
 * next links, and numbered pages with ellipses around the current one (first, last, and one either side).
 */
export interface Pagination {
  previous?: { href: string };
  next?: { href: string };
  items: ({ number: number; href: string; current?: boolean } | { ellipsis: true })[];
}

export function pagination(page: number, total: number, pageSize: number, href: (page: number) => string): Pagination | null {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const current = Math.min(Math.max(1, page), pages);
  const shown = [...new Set([1, current - 1, current, current + 1, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  const items: Pagination['items'] = [];
  let last = 0;
  for (const n of shown) {
    if (n - last > 1) items.push({ ellipsis: true });
    items.push({ number: n, href: href(n), ...(n === current ? { current: true } : {}) });
    last = n;
  }
  return {
    ...(current > 1 ? { previous: { href: href(current - 1) } } : {}),
    ...(current < pages ? { next: { href: href(current + 1) } } : {}),
    items,
  };
}
