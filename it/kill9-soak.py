#!/usr/bin/env python3
"""A kill -9 soak, longer than the integration tests' KillNineLoopTest and not part of CI.

    it/kill9-soak.py [ROUNDS [SEED]]        (default 10 rounds, seed 1)

Each round starts the server (1 MiB segments, so the producers roll segments all the time, and
validate_checksum on, so every read is checked), runs `bin/whippet bench balanced-producer` (2
producers, 4 partitions, seeded batch and message sizes) against it, and SIGKILLs the server
after a seeded 2-6 s, then the bench. After every restart, each partition of every stream must
read back over HTTP with offsets contiguous up to its current offset and as many messages as it
reports. (Which batches were acknowledged is KillNineLoopTest's to check.) The data directory
is a fresh temp directory, removed at the end; ports TCP 18091 and HTTP 18031 (WHIPPET_SOAK_TCP,
WHIPPET_SOAK_HTTP). Logs: the server's and the bench's in that directory, kept on failure.
It runs the built modules (WHIPPET_NO_BUILD): build first, e.g. `./mvnw -B install -DskipTests`
and one `bin/whippet server --help` and `bin/whippet bench --help`.
"""
import atexit, json, os, random, shutil, signal, subprocess, sys, tempfile, time, urllib.request
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = tempfile.mkdtemp(prefix='whippet-kill9-')
DATA = os.path.join(WORK, 'data')
TCP = os.environ.get('WHIPPET_SOAK_TCP', '18091')
HTTP = 'http://127.0.0.1:' + os.environ.get('WHIPPET_SOAK_HTTP', '18031')
rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 10
seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
rng = random.Random(seed)
print(f'kill -9 soak: {rounds} rounds, seed {seed}, work directory {WORK}', flush=True)
env = dict(os.environ, IGGY_SYSTEM_PATH=DATA, IGGY_TCP_ADDRESS='127.0.0.1:' + TCP, IGGY_HTTP_ADDRESS=HTTP[len('http://'):],
           IGGY_QUIC_ENABLED='false', WHIPPET_NO_BUILD='1', IGGY_SYSTEM_SEGMENT_SIZE='1 MiB',
           IGGY_SYSTEM_PARTITION_VALIDATE_CHECKSUM='true')

running = []  # process groups to SIGKILL if the soak stops early (a failed check, Ctrl-C)
atexit.register(lambda: [os.killpg(p.pid, signal.SIGKILL) for p in running if p.poll() is None])


def req(method, path, body=None, token=None):
    r = urllib.request.Request(HTTP + path, method=method, data=None if body is None else json.dumps(body).encode(),
                               headers={'Content-Type': 'application/json', **({'Authorization': 'Bearer ' + token} if token else {})})
    with urllib.request.urlopen(r, timeout=30) as resp:
        raw = resp.read()
        return json.loads(raw) if raw else None

def start():
    p = subprocess.Popen([ROOT + '/bin/whippet', 'server', '--with-default-root-credentials'], env=env, cwd=ROOT,
                         stdout=open(os.path.join(WORK, 'server.log'), 'a'), stderr=subprocess.STDOUT, start_new_session=True)
    running.append(p)
    for _ in range(300):
        try:
            return p, req('POST', '/users/login', {'username': 'iggy', 'password': 'iggy'})['access_token']['token']
        except Exception:
            if p.poll() is not None:
                sys.exit(f'server exited: see {WORK}/server.log')
            time.sleep(0.1)
    sys.exit('server did not come up')

def verify(token):
    total = 0
    for s in req('GET', '/streams', token=token):
        for t in req('GET', f"/streams/{s['id']}/topics", token=token):
            detail = req('GET', f"/streams/{s['id']}/topics/{t['id']}", token=token)
            for part in detail['partitions']:
                end = part['current_offset']; count = part['messages_count']
                offset = None; nxt = 0; seen = 0
                while True:
                    polled = req('GET', f"/streams/{s['id']}/topics/{t['id']}/messages?consumer_id=99&partition_id={part['id']}&kind=offset&value={nxt}&count=1000", token=token)
                    msgs = polled['messages']
                    if not msgs:
                        break
                    for m in msgs:
                        o = m['header']['offset']
                        if offset is not None and o != offset + 1:
                            sys.exit(f"gap in {s['name']}/{t['name']}/{part['id']}: {offset} then {o}")
                        offset = o; seen += 1
                    nxt = offset + 1
                if seen and offset != end:
                    sys.exit(f"{s['name']}/{t['name']}/{part['id']}: read up to {offset}, current_offset {end}")
                if seen != count:
                    sys.exit(f"{s['name']}/{t['name']}/{part['id']}: read {seen}, messages_count {count}")
                total += seen
    return total

for r in range(rounds):
    server, token = start()
    if r > 0:
        print(f'round {r}: after restart {verify(token)} messages read back contiguously', flush=True)
    bench = subprocess.Popen([ROOT + '/bin/whippet', 'bench', 'balanced-producer', '--server-address', '127.0.0.1:' + TCP,
                              '--producers', '2', '--partitions', '4', '-P', str(rng.choice([1, 10, 100])),
                              '-m', str(rng.choice([100, 1000, 5000])), '-b', '10000000', '--reuse-streams'],
                             env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=open(os.path.join(WORK, 'bench.log'), 'a'),
                             start_new_session=True)
    running.append(bench)
    time.sleep(rng.uniform(2.0, 6.0))
    os.killpg(server.pid, signal.SIGKILL); server.wait()
    os.killpg(bench.pid, signal.SIGKILL); bench.wait()
server, token = start()
print(f'final: {verify(token)} messages read back contiguously', flush=True)
os.killpg(server.pid, signal.SIGTERM); server.wait()
shutil.rmtree(WORK)
