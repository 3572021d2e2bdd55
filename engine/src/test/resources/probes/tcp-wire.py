# Kernel probe for issue 16 (docs/tcp.md): what Linux puts on the wire for a handshake, request/
# response rounds and an HTTP/1.0 exchange, between two network namespaces over a veth pair
# (MTU 1500, as StackLab's links). Run as root:  python3 tcp-wire.py [rounds|http|all]
# "rounds" waits 200 ms between rounds, "rounds0" none.
# It prints one line per packet seen on the client's veth, tcpdump-like, with relative times.
import socket, struct, subprocess, sys, time, os, threading

def sh(c):
    subprocess.run(c, shell=True, check=True)

def setup():
    sh("ip netns add tcpoA; ip netns add tcpoB")
    sh("ip link add va netns tcpoA type veth peer name vb netns tcpoB")
    sh("ip -n tcpoA addr add 10.0.0.2/24 dev va; ip -n tcpoA link set va up; ip -n tcpoA link set lo up")
    sh("ip -n tcpoB addr add 10.0.0.1/24 dev vb; ip -n tcpoB link set vb up; ip -n tcpoB link set lo up")

def teardown():
    subprocess.run("ip netns del tcpoA; ip netns del tcpoB", shell=True)

def opts(b):
    out, i = [], 0
    while i < len(b):
        k = b[i]
        if k == 0: break
        if k == 1: out.append("nop"); i += 1; continue
        l = b[i + 1]
        v = b[i + 2:i + l]
        if k == 2: out.append("mss %d" % struct.unpack("!H", v)[0])
        elif k == 3: out.append("wscale %d" % v[0])
        elif k == 4: out.append("sackOK")
        elif k == 8: out.append("TS val %d ecr %d" % struct.unpack("!II", v))
        elif k == 5: out.append("sack %d %s" % (len(v) // 8, "".join("{%d:%d}" % struct.unpack("!II", v[j:j + 8]) for j in range(0, len(v), 8))))
        else: out.append("opt%d" % k)
        i += l
    return ",".join(out)

FLAGS = [(0x01, "F"), (0x02, "S"), (0x04, "R"), (0x08, "P"), (0x10, ".")]

def capture(stop, dev, t0):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x0800))
    s.bind((dev, 0)); s.settimeout(0.2)
    while not stop.is_set():
        try: f = s.recv(70000)
        except socket.timeout: continue
        ip = f[14:]
        if ip[9] != 6: continue
        ihl = (ip[0] & 15) * 4; tot = struct.unpack("!H", ip[2:4])[0]
        t = ip[ihl:tot]
        sp, dp, seq, ack, off, fl, win = struct.unpack("!HHIIBBH", t[:16])
        hl = (off >> 4) * 4
        f = "".join(c for b, c in FLAGS if fl & b)
        print("%8.3f %s.%d > %s.%d: Flags [%s], seq %d, ack %d, win %d, options [%s], length %d" % (
            time.time() - t0, socket.inet_ntoa(ip[12:16]), sp, socket.inet_ntoa(ip[16:20]), dp, f, seq, ack, win,
            opts(t[20:hl]), tot - ihl - hl), flush=True)

def server(kind):
    l = socket.socket(); l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    l.bind(("10.0.0.1", 80)); l.listen()
    c, _ = l.accept()
    if kind.startswith("rounds"):
        for i in range(5):
            c.recv(100); c.send(b"reply %d" % i)
        c.recv(100); c.close()
    else:
        c.recv(1000); c.send(b"HTTP/1.0 200 OK\r\nContent-Length: 5\r\n\r\nhello"); c.close()

def client(kind):
    s = socket.socket(); s.connect(("10.0.0.1", 80))
    if kind.startswith("rounds"):
        for i in range(5):
            s.send(b"request %d" % i); s.recv(100); time.sleep(0.2 if kind == "rounds" else 0)
        s.close()
    else:
        s.send(b"GET / HTTP/1.0\r\nHost: server\r\n\r\n")
        while s.recv(1000): pass
        s.close()

def run(kind):
    setup()
    try:
        me = os.path.abspath(__file__)
        # A packet socket here sees only what arrives on the veth: capture on both ends and merge.
        caps = [subprocess.Popen(["ip", "netns", "exec", ns, sys.executable, me, "_capture", dev, str(time.time())],
                                 stdout=subprocess.PIPE, text=True) for ns, dev in (("tcpoA", "va"), ("tcpoB", "vb"))]
        time.sleep(0.5)
        srv = subprocess.Popen(["ip", "netns", "exec", "tcpoB", sys.executable, me, "_server", kind]); time.sleep(0.3)
        subprocess.run(["ip", "netns", "exec", "tcpoA", sys.executable, me, "_client", kind], timeout=30)
        srv.wait(timeout=30); time.sleep(0.5)
        lines = []
        for cap in caps:
            cap.terminate(); lines += cap.communicate()[0].splitlines()
        lines.sort(key=lambda l: float(l.split()[0]))
        print("==", kind, len(lines), "packets,", sum(1 for l in lines if "length 0" in l and "[.]" in l), "pure ACKs")
        for l in lines: print(l)
    finally:
        teardown()

if len(sys.argv) > 1 and sys.argv[1].startswith("_"):
    role = sys.argv[1]
    if role == "_capture":
        import signal
        signal.signal(signal.SIGTERM, lambda *a: sys.exit(0))
        capture(threading.Event(), sys.argv[2], float(sys.argv[3]))
    elif role == "_server": server(sys.argv[2])
    else: client(sys.argv[2])
else:
    for k in (["rounds", "http"] if len(sys.argv) < 2 or sys.argv[1] == "all" else [sys.argv[1]]):
        run(k)
