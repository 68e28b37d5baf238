import { WriteGroups } from '../../services/store/write-groups';

/** a write that returns when told to */
function pendingWrite(log: string[], name: string) {
  let finish!: (v: string) => void;
  let fail!: (e: Error) => void;
  const done = new Promise<string>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  return { write: () => (log.push(`start ${name}`), done), finish: () => finish(name), fail: (e: Error) => fail(e) };
}

const turn = () => new Promise((r) => setImmediate(r));

describe('WriteGroups: writes issued while others are in flight go out together', () => {
  it('a write on its own starts at once', () => {
    const log: string[] = [];
    const a = pendingWrite(log, 'a');
    void new WriteGroups().run(a.write);
    expect(log).toEqual(['start a']);
    a.finish();
  });

  it('writes issued while one is in flight wait for it, then all start in the same turn', async () => {
    const log: string[] = [];
    const groups = new WriteGroups(10_000);
    const [a, b, c] = ['a', 'b', 'c'].map((n) => pendingWrite(log, n));
    const results = [groups.run(a!.write), groups.run(b!.write), groups.run(c!.write)];
    await turn();
    expect(log).toEqual(['start a']);
    a!.finish();
    await results[0];
    await turn();
    expect(log).toEqual(['start a', 'start b', 'start c']);
    b!.finish();
    c!.finish();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c']);
  });

  it('a write that hangs holds the others at most maxHoldMs', async () => {
    const log: string[] = [];
    const groups = new WriteGroups(20);
    const hung = pendingWrite(log, 'hung');
    const next = pendingWrite(log, 'next');
    void groups.run(hung.write);
    const result = groups.run(next.write);
    await turn();
    expect(log).toEqual(['start hung']);
    await new Promise((r) => setTimeout(r, 40));
    expect(log).toEqual(['start hung', 'start next']);
    next.finish();
    expect(await result).toBe('next');
    hung.finish();
  });

  it('a failed write rejects its caller and lets the waiting ones start', async () => {
    const log: string[] = [];
    const groups = new WriteGroups(10_000);
    const a = pendingWrite(log, 'a');
    const b = pendingWrite(log, 'b');
    const first = groups.run(a.write);
    const second = groups.run(b.write);
    a.fail(new Error('503'));
    await expect(first).rejects.toThrow('503');
    await turn();
    expect(log).toEqual(['start a', 'start b']);
    b.finish();
    expect(await second).toBe('b');
  });
});
