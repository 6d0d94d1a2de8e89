// Small pieces of the live scanner with many cases: durations, ages, recovery status, shared credentials, semaphore.
import { formatAge, parseDuration } from '../../lib/util/duration';
import { Semaphore, mapLimit } from '../../lib/live/limits';
import { memoizeCredentials } from '../../lib/live/scan';
import { describeError } from '../../lib/live/clients';

test.each([
  ['24h', 24 * 3600_000],
  ['90m', 90 * 60_000],
  ['7d', 7 * 86400_000],
  ['1d12h', 36 * 3600_000],
  ['2w', 14 * 86400_000],
  ['36', 36 * 3600_000],
  ['1.5h', 90 * 60_000],
])('parseDuration(%s)', (text, ms) => expect(parseDuration(text)).toBe(ms));

test.each(['', 'soon', '24 hours', 'h', '1y', '-3h', '24h junk'])('parseDuration(%j) is invalid', (text) => expect(parseDuration(text)).toBeUndefined());

test.each([
  [30 * 60_000, '30m'],
  [5 * 3600_000, '5h'],
  [47 * 3600_000, '47h'],
  [48 * 3600_000, '2d'],
  [75 * 3600_000, '3d 3h'],
  [-5, '0m'],
])('formatAge(%d) = %s', (ms, text) => expect(formatAge(ms)).toBe(text));

test('memoizeCredentials: one request shared by concurrent callers, renewed near expiry, a failure not kept', async () => {
  let calls = 0;
  let fail = false;
  let expiry = Date.now() + 3600_000;
  const provider = memoizeCredentials(async () => {
    calls++;
    if (fail) throw new Error('AccessDenied');
    return { accessKeyId: `ASIA${calls}`, secretAccessKey: 's', expiration: new Date(expiry) };
  });
  const [a, b] = await Promise.all([provider(), provider()]);
  expect(a.accessKeyId).toBe('ASIA1');
  expect(b).toBe(a);
  expect(calls).toBe(1);
  expiry = Date.now() + 60_000; // the next credentials expire soon: renewed on each use
  fail = false;
  const c = await provider();
  expect(c).toBe(a); // still valid for an hour
  expect(calls).toBe(1);
  const soon = memoizeCredentials(async () => {
    calls++;
    if (fail) throw new Error('AccessDenied');
    return { accessKeyId: `ASIA${calls}`, secretAccessKey: 's', expiration: new Date(Date.now() + 60_000) };
  });
  await soon();
  await soon();
  expect(calls).toBe(3); // within five minutes of expiry: asked again
  fail = true;
  const broken = memoizeCredentials(async () => {
    calls++;
    if (fail) throw new Error('AccessDenied');
    return { accessKeyId: 'x', secretAccessKey: 's' };
  });
  await expect(broken()).rejects.toThrow('AccessDenied');
  fail = false;
  await expect(broken()).resolves.toEqual({ accessKeyId: 'x', secretAccessKey: 's' });
});

test('Semaphore and mapLimit keep at most the limit running, in order', async () => {
  const sem = new Semaphore(2);
  let running = 0;
  let peak = 0;
  const order: number[] = [];
  const results = await mapLimit([1, 2, 3, 4, 5, 6], 6, (n) =>
    sem.run(async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setImmediate(r));
      order.push(n);
      running--;
      return n * 10;
    }),
  );
  expect(results).toEqual([10, 20, 30, 40, 50, 60]);
  expect(peak).toBe(2);
  expect(order).toEqual([1, 2, 3, 4, 5, 6]);
  expect(() => new Semaphore(0)).toThrow();
});

test('a host that does not resolve (a region that does not exist, against AWS) is named with a hint', () => {
  const e = Object.assign(new Error('getaddrinfo ENOTFOUND sts.us-east-9.amazonaws.com'), { code: 'ENOTFOUND', hostname: 'sts.us-east-9.amazonaws.com' });
  expect(describeError(e)).toBe('cannot resolve sts.us-east-9.amazonaws.com (ENOTFOUND): check the region name and the endpoint');
});

test('an answer the SDK cannot parse names the status and the endpoint, not its SyntaxError', () => {
  const e = Object.assign(new SyntaxError('Unexpected token <'), { $response: { statusCode: 500 }, zonelintEndpoint: 'http://127.0.0.1:4566/policies' });
  expect(describeError(e)).toBe("HTTP 500 from http://127.0.0.1:4566/policies (a body that is not the service's XML or JSON)");
});
