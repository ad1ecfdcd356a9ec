"""Minimal WebDriver client (urllib) for the player bench: one session on WebKitWebDriver."""
import json, os, urllib.request

BASE = os.environ.get('PB_WEBDRIVER', 'http://localhost:4747')
SESSION = os.environ['PB_SESSION']
PAGE = os.environ.get('PB_PAGE', 'http://127.0.0.1:4748')


def call(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(f'{BASE}/session/{SESSION}{path}', method=method, data=data,
                                 headers={'content-type': 'application/json'})
    return json.loads(urllib.request.urlopen(req, timeout=60).read())['value']


def js(src):
    return call('POST', '/execute/sync', {'script': src, 'args': []})


def open_page(path):
    call('POST', '/url', {'url': f'{PAGE}/{path}'})
