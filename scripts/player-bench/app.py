"""The synced player in the real app (see app.sh): four 1080p 24 fps frame-numbered demo clips.
Prints one JSON object per measurement: memory idle, playback over 30 s with loop wraps (one
script call per sample), 100 mixed steps read from the picture, and memory across 10 runs."""
import json, os, random, statistics, subprocess, sys, time

import wd
from appmem import app_processes, memory_mb

MODELS = ['kling-3.0-pro@fal', 'seedance-1.0-pro@seedance', 'wan-2.5@fal', 'kling-2.6-pro@kling']
DRIVER_PID = int(os.environ['PB_DRIVER_PID'])
SECONDS = float(os.environ.get('PB_SECONDS', 30))
RUNS = int(os.environ.get('PB_RUNS', 10))
# PB_MEMORY_ONLY=1: only the memory rows (no 30 s of playback, no steps between run 1 and 2).
# PB_SAMPLES=FILE: the playback samples as JSON; PB_HEAPTRACK=FILE, PB_TRIM=1: see below.
MEMORY_ONLY = os.environ.get('PB_MEMORY_ONLY') == '1'
# What the page holds beside the processes' memory: media elements (and those still holding a
# source, i.e. a decoder), pictures, canvases and the DOM's size.
PAGE = """const all = (s) => [...document.querySelectorAll(s)];
return { videos: all('video').length, videos_with_src: all('video').filter(v => v.getAttribute('src') || v.currentSrc).length,
  imgs: all('img').length, canvases: all('canvas').length, nodes: document.getElementsByTagName('*').length };"""
SAMPLE = 'const d = window.__dailies; return d && d.player ? { p: d.player(), v: d.videos() } : null;'
# Each tile's frame index as its picture shows it (8 blocks along the top, see ClipRender).
FRAMES = """return [...document.querySelectorAll('main video[data-clip-video]')].map(v => {
  const b = Math.max(2, Math.floor(v.videoWidth / 16)) & ~1;
  const c = document.createElement('canvas'); c.width = 8 * b; c.height = b;
  const g = c.getContext('2d', { willReadFrequently: true });
  g.drawImage(v, 0, 0, 8 * b, b, 0, 0, 8 * b, b);
  let f = 0;
  for (let k = 0; k < 8; k++) if (g.getImageData(k * b + (b >> 1), b >> 1, 1, 1).data[0] > 128) f |= 1 << k;
  return f; });"""


def out(**row):
    print(json.dumps(row), flush=True)


def wait(what, probe, limit=120, every=0.25):
    end = time.time() + limit
    while time.time() < end:
        value = probe()
        if value:
            return value
        time.sleep(every)
    raise SystemExit(f'timed out after {limit} s waiting for {what}')


def element(css):
    found = wd.call('POST', '/element', {'using': 'css selector', 'value': css})
    return next(iter(found.values()))  # the W3C element key, or the legacy 'ELEMENT'


def tiles():
    return wd.js("return [...document.querySelectorAll('[data-clip-id]')].map(e => [e.dataset.clipId, e.dataset.status]);")


def run_done(previous):
    """Waits for a run of four succeeded tiles other than `previous`; returns their ids."""
    def probe():
        now = tiles()
        bad = [t for t in now if t[1] in ('failed', 'canceled', 'unknown')]
        if bad:
            raise SystemExit(f'a clip ended badly: {now}')
        ids = sorted(t[0] for t in now if t[1] == 'succeeded')
        return ids if len(now) == 4 and len(ids) == 4 and ids != previous else None
    ids = wait('four succeeded tiles', probe, 240)
    wait('four videos with data', lambda: (lambda v: v and len(v) == 4 and all(x['readyState'] >= 2 for x in v))(
        wd.js('return window.__dailies ? window.__dailies.videos() : null;')), 60)
    return ids


def spread(sample):
    """Largest minus smallest `currentTime`, read on the loop's circle: across a wrap, a tile on
    the last frame (4.98 s) and one on the first (0.02 s) are 40 ms apart, not 4.96 s."""
    dur = sample['p']['duration']
    times = [x['currentTime'] for x in sample['v']]
    lead = times[0]
    offsets = [((t - lead + dur / 2) % dur) - dur / 2 for t in times] if dur else [t - lead for t in times]
    return max(offsets) - min(offsets)


def playback(seconds):
    samples, t0 = [], time.time()
    while time.time() - t0 < seconds:
        s = wd.js(SAMPLE)
        s['wall'] = time.time() - t0
        samples.append(s)
        time.sleep(0.25)
    if os.environ.get('PB_SAMPLES'):
        with open(os.environ['PB_SAMPLES'], 'w') as f:
            json.dump(samples, f)
    playing = [s for s in samples if s['p']['state'] == 'playing']
    spreads = sorted(spread(s) * 1000 for s in playing)
    pct = lambda p: round(spreads[min(len(spreads) - 1, int(p * len(spreads)))]) if spreads else None
    seeks = lambda s: sum(x['seeks'] for x in s['v'])
    dur = samples[-1]['p']['duration']
    adv, wraps = [], 0
    for a, b in zip(samples, samples[1:]):
        if b['p']['time'] + 1 < a['p']['time']:
            wraps += 1
    for i in range(0, len(samples) - 8, 8):  # clock advance per 2 s window (mod wraps)
        a, b = samples[i]['p']['time'], samples[i + 8]['p']['time']
        adv.append(round(b - a if b >= a - 1e-9 else b + dur - a, 2))
    out(what='playback', seconds=seconds, samples=len(samples), playing_samples=len(playing),
        buffering_share=round(1 - len(playing) / len(samples), 2), spread_ms_p50=pct(0.5), spread_ms_p95=pct(0.95),
        spread_ms_max=round(spreads[-1]) if spreads else None, wraps=wraps,
        seeks_per_min=round((seeks(samples[-1]) - seeks(samples[0])) * 60 / seconds, 1),
        corrections=[x['corrections'] for x in samples[-1]['v']],
        bufferings=samples[-1]['p']['bufferings'] - samples[0]['p']['bufferings'],
        min_advance_per_2s=min(adv) if adv else None, clock_advance_per_2s=adv)


def settled(limit=10):
    end = time.time() + limit
    while time.time() < end:
        p = wd.js(SAMPLE)['p']
        if p['state'] == 'paused' and p['settled']:
            return p
        time.sleep(0.03)
    return None


# Values are written into the script: a script with `args` drops the connection under tauri-driver.
STEP = """const k = {k}, second = {second};
if (second) { window.dispatchEvent(new KeyboardEvent('keydown', { key: k > 0 ? 'ArrowRight' : 'ArrowLeft', shiftKey: true, bubbles: true })); return true; }
const b = document.querySelector(k > 0 ? 'button[aria-label="Forward one frame"]' : 'button[aria-label="Back one frame"]');
for (let i = 0; i < Math.abs(k); i++) b.click(); return true;"""


def steps(n=100):
    wd.js("document.querySelector('[data-testid=play-all]').click(); return true;")
    p = settled()
    random.seed(7)
    mism = unsettled = 0
    times, first = [], []
    for i in range(n):
        k, second = random.choice([(1, 0), (1, 0), (1, 0), (-1, 0), (-1, 0), (2, 0), (-3, 0), (5, 0), (24, 1), (-24, 1)])
        t = time.time()
        wd.js(STEP.replace('{k}', str(k)).replace('{second}', 'true' if second else 'false'))
        p = settled()
        times.append(time.time() - t)
        if p is None:
            unsettled += 1
            p = wd.js(SAMPLE)['p']
        shown = wd.js(FRAMES)
        if any(f != p['frame'] % 256 for f in shown):
            mism += 1
            if len(first) < 5:
                first.append({'step': i, 'clock': p['frame'], 'tiles': shown})
    out(what='steps', steps=n, displayed_frame_mismatches=mism, unsettled=unsettled, first_mismatches=first,
        step_ms_p50=round(statistics.median(times) * 1000), step_ms_max=round(max(times) * 1000),
        last_frame=p['frame'], tiles=wd.js(FRAMES))


def memory(when):
    out(what='memory', when=when, page=wd.js(PAGE), **memory_mb(DRIVER_PID))


def web_processes():
    return [p for p in app_processes(DRIVER_PID) if open(f'/proc/{p}/comm').read().startswith('WebKitWebProc')]


def heaptrack_web_process():
    """PB_HEAPTRACK=FILE: attach heaptrack to the web process once idle, so its trace says which
    malloc'd blocks are still live at its end (after the runs, and the reload if asked)."""
    target = os.environ.get('PB_HEAPTRACK')
    if not target:
        return None
    tracer = subprocess.Popen(['heaptrack', '-o', target, '-p', str(web_processes()[0])])
    time.sleep(15)  # the injection through gdb pauses the process a while
    return tracer


def main():
    app = os.environ['APP_BIN']
    wd.new_session({'browserName': 'wry', 'tauri:options': {'application': app}})
    try:
        wait('#prompt', lambda: wd.js("return !!document.querySelector('#prompt');"), 60)
        wd.js("document.querySelector('#demo-toggle').checked || document.querySelector('#demo-toggle').click(); return true;")
        time.sleep(5)
        memory('idle, demo on')
        tracer = heaptrack_web_process()
        wd.call('POST', f'/element/{element("#prompt")}/value', {'text': 'A paper boat drifts down a rain-soaked gutter at dusk'})
        for m in MODELS:
            wd.js(f"const e = document.querySelector('input[data-model=\"{m}\"]'); e.checked || e.click(); return true;")
        wait('#run enabled', lambda: wd.js("return !document.querySelector('#run').disabled;"), 30)
        t = time.time()
        wd.js("document.querySelector('#run').click(); return true;")
        ids = run_done(None)
        out(what='run', n=1, ready_s=round(time.time() - t, 1))
        time.sleep(5)
        memory('run 1 playing')
        if not MEMORY_ONLY:
            playback(SECONDS)
            steps()
        for n in range(2, RUNS + 1):
            wd.js("window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true })); return true;")
            ids = run_done(ids)
            time.sleep(5)
            memory(f'run {n} playing')
        time.sleep(10)
        memory(f'after {RUNS} runs, 10 s later')
        if os.environ.get('PB_RELOAD') == '1':
            # What the page held (its documents, scripts' objects, elements) against what the
            # processes keep: a reload drops the page's objects, the stage comes back empty.
            wd.js('location.reload(); return true;')
            time.sleep(20)
            memory(f'after {RUNS} runs, page reloaded, 20 s later')
            if os.environ.get('PB_TRIM') == '1':
                # How much of what stays is free memory malloc keeps (returned by malloc_trim)
                # rather than live allocations: asked of the web process through gdb.
                for pid in web_processes():
                    subprocess.run(['gdb', '-p', str(pid), '-batch', '-ex', 'call (int) malloc_trim(0)'],
                                   capture_output=True, timeout=120)
                time.sleep(5)
                memory(f'after {RUNS} runs, reloaded, then malloc_trim(0) in the web process')
        if tracer:
            out(what='heaptrack', file=os.environ['PB_HEAPTRACK'], note='the trace ends when the app quits')
    finally:
        wd.end_session()


if __name__ == '__main__':
    sys.exit(main())
