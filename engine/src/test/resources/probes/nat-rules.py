# Kernel probe for issue 19 (rules NF1, NF3, NF4, NF14, NF19 of docs/nat-and-firewall.md). Run as root:
#   python3 nat-rules.py
# It makes namespaces natp-lan1, natp-lan2, natp-home, natp-srv joined by veth pairs (the
# topology of NatRulesTest), runs the cases, prints what each program saw and deletes them.
# Measured on Linux 6.18 with nftables 1.0.6 (output in the comments of NatRulesTest).
import subprocess, sys, textwrap
NS = ["natp-lan1", "natp-lan2", "natp-home", "natp-srv"]
def sh(c, check=True):
    return subprocess.run(c, shell=True, check=check, capture_output=True, text=True).stdout
def py(ns, code):
    r = subprocess.run(["ip", "netns", "exec", ns, "python3", "-c", textwrap.dedent(code)], capture_output=True, text=True)
    return r.stdout + r.stderr
def setup():
    for n in NS:
        sh("ip netns add " + n); sh("ip netns exec %s ip link set lo up" % n)
    for i, (a, b, ip_a, ip_b) in enumerate([("natp-lan1", "natp-home", "192.168.1.10", "192.168.1.1"),
                                            ("natp-lan2", "natp-home", "192.168.2.11", "192.168.2.1"),
                                            ("natp-srv", "natp-home", "203.0.113.10", "203.0.113.1")]):
        sh("ip link add v%da netns %s type veth peer name v%db netns %s" % (i, a, i, b))
        sh("ip netns exec %s ip addr add %s/24 dev v%da" % (a, ip_a, i)); sh("ip netns exec %s ip link set v%da up" % (a, i))
        sh("ip netns exec %s ip addr add %s/24 dev v%db" % (b, ip_b, i)); sh("ip netns exec %s ip link set v%db up" % (b, i))
        sh("ip netns exec %s ip route add default via %s" % (a, ip_b))
    sh("ip netns exec natp-home sysctl -q -w net.ipv4.ip_forward=1")
    sh("""ip netns exec natp-home nft -f - <<'X'
table ip nat {
  chain post {
    type nat hook postrouting priority srcnat;
    ip saddr 192.168.0.0/16 oifname "v2b" masquerade
  }
}
table ip filter {
  chain routed {
    type filter hook forward priority 0;
    tcp dport 25 reject
  }
}
X""")
try:
    setup()
    # NF1/NF3/NF4: an echo on the server prints each sender it sees.
    srv = subprocess.Popen(["ip", "netns", "exec", "natp-srv", "python3", "-c", textwrap.dedent("""
        import socket
        u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(("0.0.0.0", 7)); u.settimeout(3)
        try:
            while True:
                d, a = u.recvfrom(100); print("server saw", d.decode(), "from", a, flush=True); u.sendto(d, a)
        except socket.timeout: pass""")], stdout=subprocess.PIPE, text=True)
    sh("sleep 0.3")
    for port in (500, 700, 5000):
        for ns in ("natp-lan1", "natp-lan2"):
            print(py(ns, """
                import socket
                u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(("0.0.0.0", %d)); u.settimeout(1)
                u.sendto(b"%s:%d", ("203.0.113.10", 7)); print("%s got", u.recvfrom(100)[0])""" % (port, ns, port, ns)).strip())
    print(srv.communicate()[0].strip())
    # NF14: a plain reject in the router's forward chain refuses a TCP connect with ICMP, not RST.
    print("NF14 tcp connect through a forward reject:", py("natp-lan1", """
        import socket, errno
        s = socket.socket()
        try: s.connect(("203.0.113.10", 25))
        except OSError as e: print(errno.errorcode[e.errno])""").strip())
    # NF19: the host's own output chain: drop is EPERM to sendto.
    sh("""ip netns exec natp-lan1 nft add table ip f; ip netns exec natp-lan1 nft 'add chain ip f out { type filter hook output priority 0; }'; ip netns exec natp-lan1 nft add rule ip f out udp dport 53 drop""")
    print("NF19 sendto through an output drop:", py("natp-lan1", """
        import socket, errno
        u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try: u.sendto(b"x", ("203.0.113.10", 53)); print("sent")
        except OSError as e: print(errno.errorcode[e.errno])""").strip())
finally:
    for n in NS:
        sh("ip netns del " + n, check=False)
