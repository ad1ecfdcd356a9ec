"""Plays N clips through the group clock for S seconds, then 100 mixed steps; prints JSON."""
import json, sys, time, statistics, random
from wd import js, open_page
n = int(sys.argv[1]) if len(sys.argv) > 1 else 4
secs = float(sys.argv[2]) if len(sys.argv) > 2 else 30
open_page(f'bench.html?n={n}')
time.sleep(3)
samples = []
t0 = time.time()
while time.time() - t0 < secs:
    samples.append(js('return bench.sample()'))
    time.sleep(0.25)
playing = [s for s in samples if s['state'] == 'playing']
spreads = sorted((max(s['times']) - min(s['times'])) * 1000 for s in playing)
pct = lambda p: spreads[min(len(spreads) - 1, int(p * len(spreads)))] if spreads else None
last, first = samples[-1], samples[0]
seeks = sum(last['seeks']) - sum(first['seeks'])
# advancing: clock moved forward (mod wraps) in every 2 s window
adv = []
for i in range(0, len(samples) - 8, 8):
    a, b = samples[i]['t'], samples[i + 8]['t']
    adv.append(round(b - a if b >= a else b + 5 - a, 2))
print(json.dumps({'clips': n, 'samples': len(samples), 'playing_samples': len(playing),
  'buffering_share': round(1 - len(playing) / len(samples), 2),
  'spread_ms_p50': pct(0.5), 'spread_ms_p95': pct(0.95), 'spread_ms_max': spreads[-1] if spreads else None,
  'seeks_per_min': round(seeks * 60 / secs, 1), 'corrections': last['corrections'], 'bufferings': last['bufferings'] - first['bufferings'],
  'clock_advance_per_2s': adv, 'paint': last['paint']}))
# steps
js('bench.pause()')
def wait_settled():
    for _ in range(200):
        if js('return bench.settled()'): return True
        time.sleep(0.05)
    return False
wait_settled()
random.seed(7)
mism = 0; checks = 0; steps = []; unsettled = 0
for i in range(100):
    k = random.choice([1, 1, 1, -1, -1, 2, -3, 5])
    js(f'bench.step({k})')
    t = time.time()
    if not wait_settled(): unsettled += 1
    steps.append(time.time() - t)
    fr = js('return [bench.expected(), bench.frames()]')
    checks += 1
    if any(f != fr[0] for f in fr[1]):
        mism += 1
        if mism <= 5: print('mismatch', i, fr)
print(json.dumps({'steps': checks, 'displayed_frame_mismatches': mism, 'unsettled': unsettled,
  'step_ms_p50': round(statistics.median(steps) * 1000), 'step_ms_max': round(max(steps) * 1000), 'paint': js('return bench.sample().paint')}))
