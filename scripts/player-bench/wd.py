"""Minimal WebDriver client (urllib) for the player bench: one session on WebKitWebDriver
(MiniBrowser pages) or tauri-driver (the real app)."""
import http.client, json, os, time, urllib.request

BASE = os.environ.get('PB_WEBDRIVER', 'http://localhost:4747')
SESSION = os.environ.get('PB_SESSION')
PAGE = os.environ.get('PB_PAGE', 'http://127.0.0.1:4748')


def _request(method, url, body=None, timeout=60):
    data = json.dumps(body).encode() if body is not None else None
    for attempt in range(4):
        req = urllib.request.Request(url, method=method, data=data, headers={'content-type': 'application/json'})
        try:
            return json.loads(urllib.request.urlopen(req, timeout=timeout).read())['value']
        except (http.client.RemoteDisconnected, ConnectionResetError):
            # Seen now and then through tauri-driver's proxy: the connection closes without an
            # answer. Measurements here tolerate a repeated command (steps compare the clock
            # with the pictures, not with a running sum).
            if attempt == 3:
                raise
            time.sleep(0.2)


def call(method, path, body=None):
    return _request(method, f'{BASE}/session/{SESSION}{path}', body)


def new_session(capabilities):
    """Opens a session (the app starts here under tauri-driver) and makes it the current one."""
    global SESSION
    SESSION = _request('POST', f'{BASE}/session', {'capabilities': {'alwaysMatch': capabilities}}, 120)['sessionId']
    return SESSION


def end_session():
    _request('DELETE', f'{BASE}/session/{SESSION}')


def js(src):
    return call('POST', '/execute/sync', {'script': src, 'args': []})


def js_async(src):
    """`src` gets a `done` callback (the last argument) and must call it with its result."""
    return call('POST', '/execute/async', {'script': f'const done = arguments[arguments.length - 1]; {src}', 'args': []})


def open_page(path):
    call('POST', '/url', {'url': f'{PAGE}/{path}'})
