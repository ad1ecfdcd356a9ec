"""Memory of the real app: the dailies-app process and every process under it (WebKit's web and
network processes), summed. PSS from /proc/PID/smaps_rollup (shared pages split between the
processes that map them, so the sum does not count a library once per process) and RSS."""
import os, re

SKIP = {'ffmpeg', 'WebKitWebDriver', 'tauri-driver'}


def _children():
    kids = {}
    for pid in filter(str.isdigit, os.listdir('/proc')):
        try:
            with open(f'/proc/{pid}/stat') as f:
                fields = f.read().rsplit(')', 1)[1].split()
            kids.setdefault(int(fields[1]), []).append(int(pid))
        except OSError:
            pass
    return kids


def _comm(pid):
    with open(f'/proc/{pid}/comm') as f:
        return f.read().strip()


def app_processes(root):
    """The app and its descendants under `root` (tauri-driver's pid), minus drivers and ffmpeg."""
    kids, out, todo = _children(), [], [root]
    while todo:
        pid = todo.pop()
        todo.extend(kids.get(pid, []))
        try:
            if pid != root and _comm(pid) not in SKIP:
                out.append(pid)
        except OSError:
            pass
    return out


def memory_mb(root):
    """{'pss': MB, 'rss': MB, 'procs': {comm: pss MB}} summed over the app's processes."""
    pss = rss = 0
    procs = {}
    for pid in app_processes(root):
        try:
            with open(f'/proc/{pid}/smaps_rollup') as f:
                rows = dict(re.findall(r'^(\w+):\s+(\d+) kB', f.read(), re.M))
            p, r = int(rows['Pss']), int(rows['Rss'])
            name = _comm(pid)
        except (OSError, KeyError, ValueError):
            continue
        pss += p
        rss += r
        procs[name] = procs.get(name, 0) + round(p / 1024)
    return {'pss': round(pss / 1024), 'rss': round(rss / 1024), 'procs': procs}
