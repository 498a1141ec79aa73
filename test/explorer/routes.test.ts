/// <reference lib="dom" />
// The explorer's pure parts, without a browser: every path maps to a page or to a sentence saying what is wrong,
// and a search query is classified by its form before the node is asked.
import { describe, expect, it } from 'vitest';
import { parseRoute } from '../../packages/explorer/src/router.js';
import { classifyQuery } from '../../packages/explorer/src/search.js';

const HASH = `0x${'Ab'.repeat(32)}`;
const ADDRESS = `0x${'cD'.repeat(20)}`;

describe('parseRoute', () => {
  it('maps every page path, lower-casing hashes and addresses', () => {
    expect(parseRoute('/')).toEqual({ page: 'home' });
    expect(parseRoute(`/message/${HASH}`)).toEqual({ page: 'message', interopHash: HASH.toLowerCase() });
    expect(parseRoute('/batch/271/12')).toEqual({ page: 'batch', chainId: 271, number: 12 });
    expect(parseRoute('/chain/272/')).toEqual({ page: 'chain', chainId: 272 });
    expect(parseRoute(`/address/${ADDRESS}`)).toEqual({ page: 'address', address: ADDRESS.toLowerCase() });
    expect(parseRoute(`/tx/${HASH}`)).toEqual({ page: 'tx', txHash: HASH.toLowerCase() });
    expect(parseRoute('/search', '?q=271%2F3')).toEqual({ page: 'search', query: '271/3' });
  });

  it.each([
    ['/message/0x12', /not an interop hash/],
    [`/message/${HASH}0`, /not an interop hash/],
    ['/batch/x/1', /not a chain id/],
    ['/batch/271/-1', /not a batch number/],
    ['/chain/1e3', /not a chain id/],
    ['/address/0x1234', /not an address/],
    ['/tx/hello', /not a transaction hash/],
    ['/%E0%A4%A', /malformed path/],
  ])('says what is wrong with %s', (path, problem) => {
    const route = parseRoute(path);
    expect(route.page).toBe('invalid');
    expect((route as { problem: string }).problem).toMatch(problem);
  });

  it('answers unknown paths as not found', () => {
    expect(parseRoute('/batch/271')).toEqual({ page: 'not-found', path: '/batch/271' });
    expect(parseRoute('/nope')).toEqual({ page: 'not-found', path: '/nope' });
  });
});

describe('classifyQuery', () => {
  it.each([
    [` ${HASH} `, { kind: 'hash', hash: HASH.toLowerCase() }],
    [ADDRESS, { kind: 'address', address: ADDRESS.toLowerCase() }],
    ['271', { kind: 'chain', chainId: 271 }],
    ['271 / 5', { kind: 'batch', chainId: 271, number: 5 }],
    ['hello', { kind: 'unknown' }],
    ['0x1234', { kind: 'unknown' }],
    ['271/5/1', { kind: 'unknown' }],
  ])('%j', (query, kind) => {
    expect(classifyQuery(query)).toEqual(kind);
  });
});
