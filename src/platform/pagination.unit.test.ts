import { describe, expect, it } from 'vitest';
import { pagination } from './pagination.js';

const href = (n: number) => `/list?page=${n}`;
const numbers = (p: ReturnType<typeof pagination>) => p!.items.map((i) => ('ellipsis' in i ? '…' : i.number));

describe('pagination', () => {
  it('is not shown for one page or none', () => {
    expect(pagination(1, 0, 25, href)).toBeNull();
    expect(pagination(1, 25, 25, href)).toBeNull();
  });
  it('numbers the pages, with ellipses around the current one', () => {
    expect(numbers(pagination(1, 26, 25, href))).toEqual([1, 2]);
    expect(numbers(pagination(5, 250, 25, href))).toEqual([1, '…', 4, 5, 6, '…', 10]);
    expect(numbers(pagination(2, 250, 25, href))).toEqual([1, 2, 3, '…', 10]);
    expect(numbers(pagination(10, 250, 25, href))).toEqual([1, '…', 9, 10]);
  });
  it('links previous and next only where there is one, and marks the current page', () => {
    const first = pagination(1, 100, 25, href)!;
    expect(first.previous).toBeUndefined();
    expect(first.next).toEqual({ href: '/list?page=2' });
    const last = pagination(4, 100, 25, href)!;
    expect(last.next).toBeUndefined();
    expect(last.items.find((i) => 'current' in i)).toEqual({ number: 4, href: '/list?page=4', current: true });
  });
  it('clamps a page past the end to the last', () => {
    const p = pagination(99, 100, 25, href)!;
    expect(p.items.find((i) => 'current' in i)).toMatchObject({ number: 4 });
  });
});
