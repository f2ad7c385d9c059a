#!/usr/bin/env bash
# Real-browser test of the console (issue 13, SPEC section 7).
#
# Makes a demo store plus an open chat whose messages try to inject markup, starts
# `storectl serve --listen 127.0.0.1:0`, reads the port from its `listening on` line, and drives
# headless Chromium through the DevTools protocol (a short Python script, standard library only)
# over every console page. It fails on any console error, uncaught exception, CSP violation or
# failed request (a response of 400 or more, or a load that failed), and checks that:
#   - every figure of the overview (summary, dispositions, agent state time) equals the JSON
#     report its own "JSON" link names, for an explicit range;
#   - the injected script did not run and the injected markup is shown as text;
#   - the transcript's view switch works and a message posted while the page is open appears
#     live in both views, and the end of the chat is announced;
#   - the audit shows the chain verified, the agents page draws its timeline.
# Screenshots of every page are saved in the work directory.
#
# Usage: Tests/Scripts/console-browser-test.sh [--storectl PATH] [--chats N] [--keep]
#                                              [--save-screenshots DIR]
#   --storectl PATH         the binary (default: $STORECTL_BINARY, else .build/debug/storectl, built if missing)
#   --chats N               chats in the demo store (default 300)
#   --keep                  keep the work directory (store, logs, screenshots)
#   --save-screenshots DIR  also copy the overview, transcript and agents screenshots to DIR
# Installs Debian's `chromium` with apt-get when it is missing. Exit 0 when every check passed.
set -euo pipefail

storectl="${STORECTL_BINARY:-}" chats=300 keep=0 save=""
while [ $# -gt 0 ]; do
    case "$1" in
        --storectl) storectl="$2"; shift 2 ;;
        --chats) chats="$2"; shift 2 ;;
        --keep) keep=1; shift ;;
        --save-screenshots) save="$2"; shift 2 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "console-browser-test.sh: unknown option $1 (see --help)" >&2; exit 64 ;;
    esac
done

root="$(cd "$(dirname "$0")/../.." && pwd)"
if ! command -v chromium >/dev/null 2>&1; then
    echo "installing chromium (apt-get)" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
if [ -z "$storectl" ]; then
    storectl="$root/.build/debug/storectl"
    if [ ! -x "$storectl" ]; then (cd "$root" && swift build --product storectl); fi
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/console-browser.XXXXXX")"
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    if [ "$keep" = 1 ]; then echo "work directory kept: $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

db="$work/store.sqlite"
"$storectl" demo --db "$db" --interactions "$chats" --seed 13 >/dev/null
# An open chat whose messages try to run script and inject an element; its contact id holds markup too.
cat >"$work/injection.ndjson" <<'NDJSON'
{"id":"x1","type":"agent.state","at":"2026-03-05T09:00:00Z","agent":"agent.x","state":"ready"}
{"id":"x2","type":"chat.started","at":"2026-03-05T09:00:01Z","interaction":"xss-chat","contact":{"id":"cust-<b>x</b>","name":"<i>Eve</i>"}}
{"id":"x3","type":"party.joined","at":"2026-03-05T09:00:02Z","interaction":"xss-chat","party":{"kind":"agent","id":"agent.x"},"role":"owner"}
{"id":"x4","type":"message","at":"2026-03-05T09:00:03Z","interaction":"xss-chat","party":"cust-<b>x</b>","text":"<script>window.__injected = true;</script>hello"}
{"id":"x5","type":"message","at":"2026-03-05T09:00:04Z","interaction":"xss-chat","party":"agent.x","text":"\"><img src=x onerror=\"window.__injected=true\">"}
{"id":"x6","type":"message","at":"2026-03-05T09:00:05Z","interaction":"xss-chat","party":"agent.x","text":"internal <b>note</b>","visibility":"agents"}
NDJSON
"$storectl" import "$work/injection.ndjson" --db "$db" >/dev/null

"$storectl" serve --db "$db" --listen 127.0.0.1:0 2>"$work/serve.log" &
server_pid=$!
base=""
for _ in $(seq 1 200); do
    base="$(sed -n 's/^listening on \(http:\/\/[^ ]*\)$/\1/p' "$work/serve.log" | head -1)"
    [ -n "$base" ] && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.log" >&2; echo "storectl serve exited" >&2; exit 1; }
    sleep 0.1
done
[ -n "$base" ] || { cat "$work/serve.log" >&2; echo "no 'listening on' line from storectl serve" >&2; exit 1; }
echo "serving $base" >&2

python3 - "$base" "$work" "$save" <<'PY'
import base64, json, os, re, shutil, socket, subprocess, sys, time, urllib.parse, urllib.request

base, work, save = sys.argv[1], sys.argv[2], sys.argv[3]
failures = []

def fail(message):
    failures.append(message)
    print("FAIL: " + message, file=sys.stderr)

# --- a minimal WebSocket client (RFC 6455), enough for the DevTools protocol ---------------
class WebSocket:
    def __init__(self, url):
        parts = urllib.parse.urlparse(url)
        self.sock = socket.create_connection((parts.hostname, parts.port), timeout=30)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET {parts.path} HTTP/1.1\r\nHost: {parts.hostname}:{parts.port}\r\nUpgrade: websocket\r\n"
                           f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
        response = b""
        while b"\r\n\r\n" not in response:
            response += self.sock.recv(4096)
        head, self.buffer = response.split(b"\r\n\r\n", 1)
        if b" 101 " not in head.split(b"\r\n")[0]:
            raise RuntimeError("websocket handshake failed: " + head.decode(errors="replace"))

    def send(self, text):
        payload = text.encode()
        header = bytearray([0x81])
        if len(payload) < 126: header.append(0x80 | len(payload))
        elif len(payload) < 65536: header += bytes([0x80 | 126]) + len(payload).to_bytes(2, "big")
        else: header += bytes([0x80 | 127]) + len(payload).to_bytes(8, "big")
        mask = os.urandom(4)
        self.sock.sendall(bytes(header) + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    def _read(self, count):
        while len(self.buffer) < count:
            chunk = self.sock.recv(1 << 16)
            if not chunk: raise RuntimeError("devtools connection closed")
            self.buffer += chunk
        data, self.buffer = self.buffer[:count], self.buffer[count:]
        return data

    def receive(self):
        message = b""
        while True:
            first, second = self._read(2)
            length = second & 0x7F
            if length == 126: length = int.from_bytes(self._read(2), "big")
            elif length == 127: length = int.from_bytes(self._read(8), "big")
            payload = self._read(length)
            if first & 0x0F == 0x8: raise RuntimeError("devtools closed the connection")
            if first & 0x0F in (0x9, 0xA): continue
            message += payload
            if first & 0x80: return message.decode()

class DevTools:
    def __init__(self, url):
        self.ws = WebSocket(url)
        self.next_id = 0
        self.events = []

    def call(self, method, **params):
        self.next_id += 1
        ident = self.next_id
        self.ws.send(json.dumps({"id": ident, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.receive())
            if message.get("id") == ident:
                if "error" in message: raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, method, timeout=20):
        deadline = time.time() + timeout
        self.ws.sock.settimeout(timeout)
        while time.time() < deadline:
            for index, event in enumerate(self.events):
                if event.get("method") == method:
                    return self.events.pop(index)
            self.events.append(json.loads(self.ws.receive()))
        raise RuntimeError("timed out waiting for " + method)

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result: raise RuntimeError(f"evaluate {expression!r}: {result['exceptionDetails']}")
        return result["result"].get("value")

# --- Chromium --------------------------------------------------------------------------------
browser_log = open(os.path.join(work, "chromium.log"), "w+")
chromium = subprocess.Popen(["chromium", "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                             "--remote-debugging-port=0", "--user-data-dir=" + os.path.join(work, "profile"),
                             "--window-size=1280,900", "about:blank"], stdout=subprocess.DEVNULL, stderr=browser_log)
try:
    endpoint = None
    for _ in range(300):
        browser_log.seek(0)
        found = re.search(r"DevTools listening on (ws://\S+)", browser_log.read())
        if found:
            endpoint = found.group(1)
            break
        time.sleep(0.1)
    if not endpoint: raise RuntimeError("chromium did not start: see " + browser_log.name)
    port = urllib.parse.urlparse(endpoint).port
    targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list"))
    page = next(t for t in targets if t.get("type") == "page")
    tools = DevTools(page["webSocketDebuggerUrl"])
    for domain in ("Page", "Runtime", "Log", "Network"): tools.call(domain + ".enable")
    tools.call("Emulation.setDeviceMetricsOverride", width=1280, height=900, deviceScaleFactor=1, mobile=False)

    def problems():
        """Console errors, exceptions, CSP reports and failed requests seen so far (then forgotten)."""
        tools.call("Runtime.evaluate", expression="1")  # reads every event sent before it
        found = []
        for event in tools.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                found.append("console error: " + " ".join(str(a.get("value", a.get("description"))) for a in params.get("args", [])))
            elif method == "Runtime.exceptionThrown":
                found.append("exception: " + json.dumps(params.get("exceptionDetails", {}))[:300])
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                found.append("log error: " + params["entry"].get("text", "") + " " + params["entry"].get("url", ""))
            elif method == "Network.responseReceived" and params.get("response", {}).get("status", 0) >= 400:
                found.append(f"HTTP {params['response']['status']}: {params['response']['url']}")
            elif method == "Network.loadingFailed" and not params.get("canceled"):
                found.append("request failed: " + params.get("errorText", "") + " " + params.get("requestId", ""))
        tools.events.clear()
        return found

    shots = {}
    def visit(name, path, before_shot=None):
        tools.events.clear()
        tools.call("Page.navigate", url=base + path)
        tools.wait_for("Page.loadEventFired")
        time.sleep(0.7)  # let the script open its stream, let late requests fail
        for problem in problems(): fail(f"{name} ({path}): {problem}")
        if before_shot: tools.evaluate(before_shot)
        shot = tools.call("Page.captureScreenshot", format="png")
        shots[name] = os.path.join(work, name + ".png")
        with open(shots[name], "wb") as handle: handle.write(base64.b64decode(shot["data"]))
        return tools.evaluate("document.documentElement.outerHTML")

    def get_json(url):
        with urllib.request.urlopen(base + url) as response: return json.load(response)

    def figures(html):
        return {m.group(1): (m.group(2), m.group(3)) for m in
                re.finditer(r'data-figure="([^"]*)" data-value="([^"]*)"[^>]*>([^<]*)<', html)}

    def unescape(text):
        return (text.replace("&quot;", '"').replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))

    # --- overview: every figure against the JSON its link names (default range, then one of ours)
    rows = get_json("/v1/reports/conferences")
    if len(rows) < 10: fail(f"the demo store has only {len(rows)} conference requests")

    def check_overview(name, path):
        html = visit(name, path)
        shown = {unescape(k): (unescape(v), unescape(t)) for k, (v, t) in figures(html).items()}
        links = [unescape(h) for h in re.findall(r'<a class="json" href="([^"]*)"', html)]
        summary_link = next((l for l in links if "summary=true" in l), None)
        if not summary_link:
            fail(f"{name}: no JSON link for the summary")
            return
        summary = get_json(summary_link)
        for key, value in summary.items():
            if "summary." + key not in shown:
                fail(f"{name}: summary.{key} not shown"); continue
            if json.loads(shown["summary." + key][0]) != value:
                fail(f"{name}: summary.{key} shows {shown['summary.' + key][0]}, JSON has {value}")
        rate = summary.get("accept_rate")
        text = shown.get("summary.accept_rate", ("", ""))[1]
        if rate is not None and not (re.fullmatch(r"\d+\.\d %", text) and abs(float(text[:-2]) - rate * 100) <= 0.051):
            fail(f"{name}: accept rate shown as {text!r} for {rate}")
        if summary["requested"] == 0: fail(f"{name}: no conference requests in the range")
        checked = len(summary)
        for link in links:
            if link.startswith("/v1/reports/dispositions"):
                for row in get_json(link):
                    checked += 1
                    if shown.get("dispositions." + row["code"], (None,))[0] != str(row["count"]):
                        fail(f"{name}: disposition {row['code']} shows {shown.get('dispositions.' + row['code'])}, JSON {row['count']}")
            if link.startswith("/v1/reports/agents"):
                agent_rows = get_json(link)
                if not agent_rows: fail(f"{name}: the agents report of the range is empty")
                only = urllib.parse.parse_qs(urllib.parse.urlparse(path).query).get("agent", [None])[0]
                # Without `to`, open periods run to each side's own "now": only the counts can agree.
                fields = ("total_ms", "count") if "to=" in link else ("count",)
                for row in agent_rows:
                    if only is not None and row["agent"] != only: continue
                    key = f"agents.{row['agent']}.{row['channel']}.{row['state']}"
                    for field in fields:
                        checked += 1
                        if shown.get(f"{key}.{field}", (None,))[0] != str(row[field]):
                            fail(f"{name}: {key}.{field} shows {shown.get(key + '.' + field)}, JSON {row[field]}")
        if tools.evaluate("document.querySelectorAll('svg.chart').length") < 5: fail(f"{name}: fewer than five charts")
        print(f"{name} {path}: {checked} figures equal the JSON; requested {summary['requested']}, accept rate {text}, "
              f"median wait {shown.get('summary.median_wait_ms', ('', ''))[1]}", file=sys.stderr)

    check_overview("overview", "/")
    start, end = rows[0]["requested_at"][:19] + "Z", rows[len(rows) // 2]["requested_at"][:19] + "Z"
    check_overview("overview-range", "/?" + urllib.parse.urlencode({"from": start, "to": end}))
    agent = rows[0]["from_agent"]
    check_overview("overview-agent", "/?" + urllib.parse.urlencode({"span": "all", "agent": agent}))

    # --- interactions, transcript (injection, views, live), audit, agents ----------------------
    html = visit("interactions", "/interactions?q=xss")
    if 'href="/interactions/xss-chat"' not in html: fail("interactions: the search does not find xss-chat")
    html = visit("interactions-all", "/interactions")
    first_chat = re.search(r'<a class="mono" href="(/interactions/[^"?]+)">', html)
    if not first_chat: fail("interactions: no transcript links")

    html = visit("transcript", "/interactions/xss-chat")
    if tools.evaluate("window.__injected === true"): fail("transcript: the injected script ran")
    if tools.evaluate("document.querySelectorAll('main img, main script, main b, main i').length") != 0:
        fail("transcript: injected markup became elements")
    agent_text = tools.evaluate("document.querySelector('section[data-audience=agent]').textContent")
    contact_text = tools.evaluate("document.querySelector('section[data-audience=contact]').textContent")
    if "<script>window.__injected = true;</script>hello" not in agent_text: fail("transcript: the script message is not shown as text")
    if 'onerror="window.__injected=true">' not in agent_text: fail("transcript: the img message is not shown as text")
    if "internal <b>note</b>" not in agent_text or "internal <b>note</b>" in contact_text:
        fail("transcript: the internal note must be in the agent view only")
    tools.evaluate("document.querySelector('.views a[data-view=contact]').click()")
    if not tools.evaluate("document.querySelector('section[data-audience=agent]').hidden"): fail("transcript: the switch did not hide the agent view")
    if not tools.evaluate("location.search === '?as=contact'"): fail("transcript: the switch did not update the URL")
    tools.evaluate("document.querySelector('.views a[data-view=both]').click()")
    # Live: a message stored while the page is open appears in both views; the end is announced.
    def post(lines):
        request = urllib.request.Request(base + "/v1/events", data=("\n".join(lines) + "\n").encode(),
                                         headers={"Content-Type": "application/x-ndjson"}, method="POST")
        with urllib.request.urlopen(request) as response: return json.load(response)
    post(['{"id":"x7","type":"message","at":"2026-03-05T09:01:00Z","interaction":"xss-chat","party":"agent.x","text":"live <em>update</em>"}'])
    deadline = time.time() + 10
    while time.time() < deadline and tools.evaluate(
            "[...document.querySelectorAll('section[data-audience] ol.timeline')].filter(l => l.textContent.includes('live <em>update</em>')).length") != 2:
        time.sleep(0.2)
    if tools.evaluate("[...document.querySelectorAll('section[data-audience] ol.timeline')].filter(l => l.textContent.includes('live <em>update</em>')).length") != 2:
        fail("transcript: the live message did not appear in both views")
    if tools.evaluate("document.querySelectorAll('main em').length") != 0: fail("transcript: the live message became markup")
    post(['{"id":"x8","type":"chat.ended","at":"2026-03-05T09:02:00Z","interaction":"xss-chat"}'])
    deadline = time.time() + 10
    while time.time() < deadline and "ended" not in (tools.evaluate("document.querySelector('.live').textContent") or ""):
        time.sleep(0.2)
    if "ended" not in (tools.evaluate("document.querySelector('.live').textContent") or ""): fail("transcript: the end of the chat was not announced")
    for problem in problems(): fail(f"transcript (live): {problem}")

    # A demo chat with a consultation turned into a conference: requests in line, links both ways.
    conferenced = next((r for r in rows if r["mode"] == "consultation" and r["outcome"] == "accepted"), rows[0])
    chat = conferenced["interaction"]
    html = visit("transcript-demo", "/interactions/" + urllib.parse.quote(chat, safe=""),
                 before_shot="(document.querySelector('li.request') || document.body).scrollIntoView(); window.scrollBy(0, -120)")
    if "As the contact saw it" not in html: fail("transcript: no contact view for a chat")
    if f'data-request="{conferenced["request"]}"' not in html: fail(f"transcript: request {conferenced['request']} not in line")
    consultation = re.search(r'requested a consultation <a class="mono" href="(/interactions/[^"]+)">', html)
    if conferenced["mode"] == "consultation":
        if not consultation: fail("transcript: the consultation is not linked")
        else:
            back = visit("consultation", unescape(consultation.group(1)))
            if f'href="/interactions/{urllib.parse.quote(chat, safe="")}"' not in back: fail("consultation: no link back to its chat")
    html = visit("audit", "/interactions/xss-chat/audit")
    if 'data-chain="verified"' not in html: fail("audit: the chain is not shown verified")
    html = visit("agents-latest", "/agents")
    if "agent.x" not in html: fail("agents: the newest day does not show agent.x")
    html = visit("agents", "/agents?day=" + rows[0]["requested_at"][:10])
    if tools.evaluate("document.querySelectorAll('svg.chart rect').length") < 30: fail("agents: the demo day's state timeline is empty")
    visit("login", "/login")

    if save:
        os.makedirs(save, exist_ok=True)
        for name in ("overview", "transcript-demo", "agents"): shutil.copy(shots[name], os.path.join(save, f"console-{name}.png"))
    print("screenshots: " + ", ".join(sorted(shots.values())), file=sys.stderr)
finally:
    chromium.terminate()
    try: chromium.wait(10)
    except subprocess.TimeoutExpired: chromium.kill()

# An unknown interaction is a 404 page (checked outside the browser: it is a failed request by design).
try:
    urllib.request.urlopen(base + "/interactions/no-such-chat")
    fail("an unknown interaction did not answer 404")
except urllib.error.HTTPError as error:
    if error.code != 404: fail(f"an unknown interaction answered {error.code}")

if failures:
    print(f"{len(failures)} check(s) failed", file=sys.stderr)
    sys.exit(1)
print("console browser test: every check passed", file=sys.stderr)
PY
