# Kernel probe for issue 18 (rules M4-M14 of docs/port-table.md, the dual-stack port table). Run as:
#   unshare --net python3 dual-stack.py
# Each line names the rule it checks; the measured output is quoted in DualStackRulesTest.
# Python's AF_INET6 socket does not map a plain IPv4 string, so v4-mapped addresses are written out.
import socket, errno, subprocess, time
for c in ["ip link set lo up", "ip addr add 10.0.0.1/32 dev lo", "ip addr add 10.0.0.2/32 dev lo",
          "ip -6 addr add 2001:db8::1/128 dev lo nodad"]:
    subprocess.run(c.split(), check=True)
for _ in range(50):  # a new IPv6 address gets its local route from a workqueue: wait for it
    if "2001:db8::1" in subprocess.run("ip -6 route show table local".split(), capture_output=True, text=True).stdout:
        break
    time.sleep(0.02)
time.sleep(0.1)
I4, I6 = socket.AF_INET, socket.AF_INET6
ST, DG = socket.SOCK_STREAM, socket.SOCK_DGRAM
def en(f):
    try: r = f(); return r if r is not None else 0
    except OSError as e: return errno.errorcode.get(e.errno, repr(e))
def sock(fam, typ=ST, v6only=None, ra=False, rp=False):
    s = socket.socket(fam, typ); s.settimeout(1)
    if v6only is not None: s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, int(v6only))
    if ra: s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if rp: s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    return s
def pair(typ, a, b, **kw):
    """bind a then b (each (family, addr, v6only)) on one port: the second bind's result"""
    x = sock(a[0], typ, a[2], **kw); x.bind((a[1], 7000))
    y = sock(b[0], typ, b[2], **kw); r = en(lambda: y.bind((b[1], 7000))); x.close(); y.close(); return r
DUAL, V6O = (I6, "::", False), (I6, "::", True)
ANY4, A41 = (I4, "0.0.0.0", None), (I4, "10.0.0.1", None)
M41, M42, MANY = (I6, "::ffff:10.0.0.1", False), (I6, "::ffff:10.0.0.2", False), (I6, "::ffff:0.0.0.0", False)
S6 = (I6, "2001:db8::1", False)
for typ, name in ((ST, "tcp"), (DG, "udp")):
    for a, b, what in ((DUAL, ANY4, "dual [::] then 0.0.0.0"), (ANY4, DUAL, "0.0.0.0 then dual [::]"),
                       (DUAL, A41, "dual [::] then 10.0.0.1"), (V6O, ANY4, "v6only [::] then 0.0.0.0"),
                       (ANY4, V6O, "0.0.0.0 then v6only [::]"), (V6O, M41, "v6only [::] then [::ffff:10.0.0.1]"),
                       (V6O, S6, "v6only [::] then [2001:db8::1]"), (V6O, DUAL, "v6only [::] then dual [::]"),
                       (M41, A41, "[::ffff:10.0.0.1] then 10.0.0.1"), (M41, M42, "[::ffff:10.0.0.1] then [::ffff:10.0.0.2]"),
                       (MANY, ANY4, "[::ffff:0.0.0.0] then 0.0.0.0"), (MANY, A41, "[::ffff:0.0.0.0] then 10.0.0.1"),
                       (MANY, DUAL, "[::ffff:0.0.0.0] then dual [::]"), (MANY, S6, "[::ffff:0.0.0.0] then [2001:db8::1]"),
                       (MANY, V6O, "[::ffff:0.0.0.0] then v6only [::]"), (S6, ANY4, "[2001:db8::1] then 0.0.0.0"),
                       ((I6, "::1", False), (I4, "127.0.0.1", None), "[::1] then 127.0.0.1")):
        print("M4", name, what, pair(typ, a, b))
    print("M5", name, "RA both, dual [::] then 0.0.0.0", pair(typ, DUAL, ANY4, ra=True))
    print("M5", name, "RP both, dual [::] then 0.0.0.0", pair(typ, DUAL, ANY4, rp=True))
# M5 C3: TCP RA on both, neither listening; then listen both
x = sock(I6, ST, False, ra=True); x.bind(("::", 7001)); y = sock(I4, ST, ra=True); print("M5 tcp RA bind both", en(lambda: y.bind(("0.0.0.0", 7001))))
print("M5 tcp RA listen first", en(lambda: x.listen())), print("M5 tcp RA listen second", en(lambda: y.listen())); x.close(); y.close()
# M6: v6only frozen once bound; bindv6only default; specific bind turns it on; AF_INET has no option
s = sock(I6); print("M6 default v6only", s.getsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY)); s.bind(("::", 7002))
print("M6 set v6only after bind", en(lambda: s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)), "now", s.getsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY)); s.close()
s = sock(I6, v6only=False); s.bind(("2001:db8::1", 7003)); print("M6 v6only after [2001:db8::1] bind", s.getsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY)); s.close()
s = sock(I4); print("M6 v6only on AF_INET", en(lambda: s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1))); s.close()
subprocess.run("sysctl -q -w net.ipv6.bindv6only=1".split()); s = sock(I6)
print("M6 bindv6only=1 default v6only", s.getsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY)); s.close()
subprocess.run("sysctl -q -w net.ipv6.bindv6only=0".split())
# M7: v6only + v4-mapped
for typ, name in ((ST, "tcp"), (DG, "udp")):
    for a in ("::ffff:10.0.0.1", "::ffff:0.0.0.0"):
        s = sock(I6, typ, True); print("M7", name, "v6only bind", a, en(lambda: s.bind((a, 7004)))); s.close()
s = sock(I6, ST, True); print("M7 tcp v6only connect mapped", en(lambda: s.connect(("::ffff:10.0.0.1", 7005))), s.getsockname()); s.close()
s = sock(I6, DG, True); print("M7 udp v6only sendto mapped", en(lambda: s.sendto(b"x", ("::ffff:10.0.0.1", 7005))), "autobound", s.getsockname()[1] != 0); s.close()
# M8: TCP listener choice across families
def tcp_to(dst, port):
    c = sock(I4 if "." in dst and ":" not in dst else I6); r = en(lambda: c.connect((dst, port))); return c, r
def who(ls, dst, port):
    c, r = tcp_to(dst, port)
    if r != 0: return r
    for name, l in ls:
        l.setblocking(False)
        try: a, peer = l.accept(); return name + " peer " + str(peer[0]) + " local " + str(a.getsockname()[0])
        except BlockingIOError: pass
    return "none"
l6 = sock(I6, ST, False); l6.bind(("::", 8000)); l6.listen()
print("M8 dual listener, IPv4 client", who([("[::]", l6)], "10.0.0.1", 8000)); l6.close()
l6 = sock(I6, ST, True); l6.bind(("::", 8001)); l6.listen(); print("M8 v6only listener, IPv4 client", who([("[::]", l6)], "10.0.0.1", 8001)); l6.close()
for first in ("4", "6"):
    la = sock(I6, ST, False, rp=True); lb = sock(I4, ST, rp=True)
    for s, a in ((la, "::"), (lb, "0.0.0.0")) if first == "6" else ((lb, "0.0.0.0"), (la, "::")):
        s.bind((a, 8002)); s.listen()
    ls = [("[::]", la), ("0.0.0.0", lb)]
    print("M8 RP 0.0.0.0 + dual [::], created first", first, "IPv4:", who(ls, "10.0.0.1", 8002), "IPv6:", who(ls, "2001:db8::1", 8002))
    la.close(); lb.close()
la = sock(I6, ST, False, rp=True); la.bind(("::", 8003)); la.listen(); lb = sock(I4, ST, rp=True); lb.bind(("10.0.0.1", 8003)); lb.listen()
print("M8 10.0.0.1 over [::]", who([("[::]", la), ("10.0.0.1", lb)], "10.0.0.1", 8003)); la.close(); lb.close()
la = sock(I6, ST, False, rp=True); la.bind(("::ffff:10.0.0.1", 8004)); la.listen(); lb = sock(I4, ST, rp=True); lb.bind(("0.0.0.0", 8004)); lb.listen()
print("M8 [::ffff:10.0.0.1] over 0.0.0.0", who([("[::ffff:10.0.0.1]", la), ("0.0.0.0", lb)], "10.0.0.1", 8004))
print("M8 [::ffff:10.0.0.1] listener, IPv6 client", who([("[::ffff:10.0.0.1]", la), ("0.0.0.0", lb)], "2001:db8::1", 8004)); la.close(); lb.close()
# M9: UDP datagram choice across families
def udp_who(socks, dst, port, fam):
    c = sock(fam, DG); c.sendto(b"x", (dst, port)); time.sleep(0.05)
    for name, u in socks:
        u.setblocking(False)
        try: d, frm = u.recvfrom(100); return name + " from " + str(frm[0])
        except BlockingIOError: pass
    return "none"
for first in ("4", "6"):
    ua = sock(I6, DG, False, ra=True); ub = sock(I4, DG, ra=True)
    for s, a in ((ua, "::"), (ub, "0.0.0.0")) if first == "6" else ((ub, "0.0.0.0"), (ua, "::")):
        s.bind((a, 9000))
    us = [("[::]", ua), ("0.0.0.0", ub)]
    print("M9 RA 0.0.0.0 + dual [::], bound first", first, "IPv4:", udp_who(us, "10.0.0.1", 9000, I4), "IPv6:", udp_who(us, "2001:db8::1", 9000, I6))
    ua.close(); ub.close()
ua = sock(I6, DG, True); ua.bind(("::", 9001)); print("M9 v6only [::], IPv4 datagram", udp_who([("[::]", ua)], "10.0.0.1", 9001, I4)); ua.close()
# M10: addresses on an AF_INET6 socket
u = sock(I6, DG, False); u.bind(("::", 9002)); c = sock(I4, DG); c.bind(("10.0.0.2", 0)); c.sendto(b"x", ("10.0.0.1", 9002))
d, frm = u.recvfrom(10); print("M10 recvfrom IPv4 sender on dual socket", frm[:2]); u.sendto(b"y", frm); print("M10 reply seen by AF_INET client from", c.recvfrom(10)[1])
c6 = sock(I6, ST, False); l4 = sock(I4); l4.bind(("10.0.0.1", 8005)); l4.listen(); c6.connect(("::ffff:10.0.0.1", 8005)); a, p = l4.accept()
print("M10 dual client to mapped server: client", c6.getsockname()[:1], "server sees", p[0])
u = sock(I6, DG, False); u.sendto(b"x", ("::ffff:10.0.0.1", 9999)); print("M10 unbound dual UDP after IPv4 sendto", u.getsockname()[:2][0])
# M11: ephemeral ports across families (range of 2 ports held by AF_INET 0.0.0.0)
subprocess.run(["sysctl", "-q", "-w", "net.ipv4.ip_local_port_range=40000 40001"])
for typ, name in ((ST, "tcp"), (DG, "udp")):
    h = [sock(I4, typ) for _ in range(2)]; [s.bind(("0.0.0.0", 0)) for s in h]
    for a, what in ((DUAL, "dual [::]:0"), (V6O, "v6only [::]:0"), (S6, "[2001:db8::1]:0"), (M41, "[::ffff:10.0.0.1]:0")):
        s = sock(a[0], typ, a[2]); print("M11", name, what, en(lambda: s.bind((a[1], 0))), s.getsockname()[1]); s.close()
    [s.close() for s in h]
# M13: wrong family
# M13: an AF_INET socket handed a sockaddr_in6 (EAFNOSUPPORT) needs C: Python refuses the address itself
s = sock(I6); print("M13 AF_INET6 bind non-local IPv6", en(lambda: s.bind(("2001:db8::9", 7006)))); s.close()
s = sock(I6, ST, False); s.bind(("::ffff:10.0.0.1", 7007)); print("M13 mapped-bound connect IPv6", en(lambda: s.connect(("2001:db8::1", 8000)))); s.close()
# M14: :: as destination means ::1
l6 = sock(I6, ST, False); l6.bind(("::", 8006)); l6.listen(); c = sock(I6); c.connect(("::", 8006)); print("M14 connect [::] peer", c.getpeername()[0], "local", c.getsockname()[0])
# M12: ICMPv6 port unreachable reaches only a connected socket, once
u = sock(I6, DG); u.connect(("::1", 9999)); u.send(b"x"); time.sleep(0.05); print("M12 connected udp6 after ICMPv6", en(lambda: u.recv(10)), "then", en(lambda: u.send(b"y")))
u = sock(I6, DG); u.sendto(b"x", ("::1", 9999)); time.sleep(0.05); u.setblocking(False); print("M12 unconnected udp6 after ICMPv6", en(lambda: u.recv(10)))
# M5: a dual and a V6ONLY [::] listener with SO_REUSEPORT are two groups: IPv4 only ever reaches the dual one
subprocess.run(["sysctl", "-q", "-w", "net.ipv4.ip_local_port_range=32768 60999"])
la = sock(I6, ST, False, rp=True); la.bind(("::", 8010)); la.listen(); lb = sock(I6, ST, True, rp=True); lb.bind(("::", 8010)); lb.listen()
print("M5 RP dual + v6only [::], 8 IPv4 clients:", sorted(set(who([("dual", la), ("v6only", lb)], "10.0.0.1", 8010).split()[0] for _ in range(8))))
