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


def _kinds(pid):
    """PSS (kB) of one process by kind of mapping: heap (malloc: [heap] and anonymous),
    shared memory (memfd / shm / dma-buf: frames handed between processes), files (code, mmapped data)."""
    kinds = {'anon': 0, 'shm': 0, 'file': 0}
    name = ''
    with open(f'/proc/{pid}/smaps') as f:
        for line in f:
            head = line.split(None, 5)
            if head and re.match(r'^[0-9a-f]+-[0-9a-f]+$', head[0]):
                name = head[5].strip() if len(head) > 5 else ''
            elif head and head[0] == 'Pss:':
                kind = ('anon' if not name or name.startswith('[') else
                        'shm' if name.startswith(('/memfd:', '/dev/shm', '/dmabuf', 'anon_inode')) else 'file')
                kinds[kind] += int(head[1])
    return kinds


def memory_mb(root):
    """{'pss': MB, 'rss': MB, 'procs': {comm: pss MB}, 'procs_rss': {comm: rss MB},
    'kinds': {comm: {anon, shm, file} PSS MB}}
    summed over the app's processes."""
    pss = rss = 0
    procs, procs_rss, kinds = {}, {}, {}
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
        procs_rss[name] = procs_rss.get(name, 0) + round(r / 1024)
        try:
            for kind, kb in _kinds(pid).items():
                kinds.setdefault(name, {}).setdefault(kind, 0)
                kinds[name][kind] += round(kb / 1024)
        except OSError:
            pass
    return {'pss': round(pss / 1024), 'rss': round(rss / 1024), 'procs': procs, 'procs_rss': procs_rss, 'kinds': kinds}
