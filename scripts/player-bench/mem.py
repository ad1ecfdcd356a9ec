"""Six runs of four clips loaded and removed, with or without release; WebKit memory as JSON."""
import json, time, subprocess, sys
from wd import js, open_page
def rss():
    out = subprocess.run(['ps', '-eo', 'pid,rss,comm'], capture_output=True, text=True).stdout
    tot = 0
    for line in out.splitlines()[1:]:
        pid, r, comm = line.split(None, 2)
        if comm.startswith('WebKit') and comm != 'WebKitWebDriver' or comm.startswith('MiniBrowser'):
            tot += int(r)
    return round(tot / 1024)
release = sys.argv[1] == 'release'
open_page('mem.html')
time.sleep(2)
res = {'mode': sys.argv[1], 'idle_mb': rss()}
for run in range(6):
    js('load()'); time.sleep(5)
    if run == 0: res['playing_mb'] = rss()
    js(f'teardown({str(release).lower()})'); time.sleep(2)
res['after_runs_mb'] = [rss()]
js('window.gc && gc()'); time.sleep(3)
res['after_6_runs_settled_mb'] = rss()
print(json.dumps(res))
