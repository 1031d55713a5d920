import { type FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { MAX_PAGE, pageParam, parsePage } from './params.js';

describe('parsePage', () => {
  it('reads a whole number', () => {
    expect(parsePage('1')).toBe(1);
    expect(parsePage('2')).toBe(2);
    expect(parsePage('999')).toBe(999);
    expect(parsePage(String(MAX_PAGE))).toBe(MAX_PAGE);
  });

  it('is page 1 when missing, empty or not a number', () => {
    for (const value of [undefined, null, '', ' ', 'abc', 'NaN', 'Infinity', '-', '+', 'e3', '١٢']) expect(parsePage(value), String(value)).toBe(1);
  });

  it('is page 1 below 1', () => {
    expect(parsePage('0')).toBe(1);
    expect(parsePage('-1')).toBe(1);
    expect(parsePage('-99999999999999999999')).toBe(1);
  });

  it('is the last page beyond it', () => {
    expect(parsePage(String(MAX_PAGE + 1))).toBe(MAX_PAGE);
    expect(parsePage('99999999999999999999999999')).toBe(MAX_PAGE);
    expect(parsePage('9'.repeat(400))).toBe(MAX_PAGE);
  });

  it('reads the leading number as parseInt does', () => {
    expect(parsePage('2abc')).toBe(2);
    expect(parsePage('2.7')).toBe(2);
    expect(parsePage(' 3')).toBe(3);
    expect(parsePage('007')).toBe(7);
    expect(parsePage('1e3')).toBe(1);
    expect(parsePage('0x10')).toBe(1);
  });

  it('is page 1 for anything but a string (a repeated parameter, a number, an object)', () => {
    expect(parsePage(['2', '3'])).toBe(1);
    expect(parsePage(2)).toBe(1);
    expect(parsePage({ page: '2' })).toBe(1);
    expect(parsePage(true)).toBe(1);
  });
});

describe('pageParam', () => {
  const request = (query: unknown) => ({ query }) as unknown as FastifyRequest;

  it('reads page from the query string, or another name', () => {
    expect(pageParam(request({ page: '4' }))).toBe(4);
    expect(pageParam(request({ p: '5', page: '4' }), 'p')).toBe(5);
  });

  it('is page 1 without a query string or the parameter', () => {
    expect(pageParam(request(undefined))).toBe(1);
    expect(pageParam(request({}))).toBe(1);
    expect(pageParam(request({ page: ['2', '3'] }))).toBe(1);
  });
});
