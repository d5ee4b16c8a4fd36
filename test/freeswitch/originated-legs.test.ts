import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { OriginatedLegs } from '../../src/freeswitch/originated-legs.js';

const UUIDS = ['a', 'b', 'c'] as const;
type Op = { readonly kind: 'originating' | 'up' | 'unsure' | 'gone' | 'kill'; readonly uuid: (typeof UUIDS)[number] };

const op: fc.Arbitrary<Op> = fc.record({
  kind: fc.constantFrom('originating', 'up', 'unsure', 'gone', 'kill'),
  uuid: fc.constantFrom(...UUIDS),
});

describe('OriginatedLegs', () => {
  test('a kill is sent at most once per leg, and only after evidence of an originated leg that has not ended', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 40 }), async (ops) => {
        const legs = new OriginatedLegs();
        // The model: legs originated and not ended, those with evidence, and the kills sent in each one's life.
        const alive = new Set<string>();
        const evidenced = new Set<string>();
        const sent = new Map<string, number>();
        const results: Array<Promise<unknown>> = [];
        for (const { kind, uuid } of ops) {
          switch (kind) {
            case 'originating':
              if (!alive.has(uuid)) sent.set(uuid, 0);
              alive.add(uuid);
              legs.originating(uuid);
              break;
            case 'up':
              if (alive.has(uuid)) evidenced.add(uuid);
              legs.up(uuid);
              break;
            case 'unsure':
              legs.unsure(uuid);
              break;
            case 'gone':
              alive.delete(uuid);
              evidenced.delete(uuid);
              legs.gone(uuid);
              break;
            case 'kill':
              results.push(
                legs.kill(uuid, () => {
                  assert.ok(evidenced.has(uuid), `kill of ${uuid} sent without evidence`);
                  sent.set(uuid, (sent.get(uuid) ?? 0) + 1);
                  assert.ok((sent.get(uuid) ?? 0) <= 1, `second kill of ${uuid} sent`);
                  return Promise.resolve({ ok: true, reply: '' });
                }),
              );
          }
        }
        legs.clear();
        // Every kill settles: held ones are dropped when the leg is forgotten.
        await Promise.all(results);
        assert.equal(legs.size, 0);
      }),
    );
  });

  test('a kill whose send found the node disconnected may be sent again', async () => {
    const legs = new OriginatedLegs();
    legs.originating('a');
    legs.up('a');
    const first = await legs.kill('a', () => Promise.resolve({ ok: false, failure: { kind: 'disconnected', message: 'down' } }));
    assert.ok(!first.ok);
    const second = await legs.kill('a', () => Promise.resolve({ ok: true, reply: '' }));
    assert.deepEqual(second, { ok: true, reply: '' });
  });
});
