# Kernel probe for issue 15 (rules R1-R6 of docs/port-table.md). Run as:
#   unshare --net --map-root-user python3 connect-edges.py
# Measured on Linux 6.18 (output in the comments of KernelEdgeRulesTest).
import socket, errno, subprocess, struct, time
for c in ["ip link set lo up", "ip route add 10.1.0.0/24 dev lo"]:  # 10.1.0.2 swallows SYNs
    subprocess.run(c.split())
def en(f):
    try: r = f(); return r if r is not None else 0
    except OSError as e: return errno.errorcode.get(e.errno, repr(e))
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_SNDTIMEO, struct.pack("ll", 1, 0))
t = time.time(); print("connect with SO_SNDTIMEO 1s", en(lambda: s.connect(("10.1.0.2", 80))), round(time.time() - t, 1)); p1 = s.getsockname()
t = time.time(); print("second connect", en(lambda: s.connect(("10.1.0.2", 80))), round(time.time() - t, 1), "same port", s.getsockname() == p1)
s.setblocking(False); print("non-blocking third connect", en(lambda: s.connect(("10.1.0.2", 80))))
l = socket.socket(); l.bind(("0.0.0.0", 80)); l.listen()
c = socket.socket(); c.setblocking(False); print("nb connect lo", en(lambda: c.connect(("127.0.0.1", 80)))); time.sleep(0.1)
print("second after established", en(lambda: c.connect(("127.0.0.1", 80)))); print("third", en(lambda: c.connect(("127.0.0.1", 80))))
c = socket.socket(); c.setblocking(False); print("nb connect refused", en(lambda: c.connect(("127.0.0.1", 81)))); time.sleep(0.1)
print("second after refused", en(lambda: c.connect(("127.0.0.1", 81)))); print("third", en(lambda: c.connect(("127.0.0.1", 81))))
c = socket.socket(); c.setblocking(False); en(lambda: c.connect(("127.0.0.1", 81))); time.sleep(0.1)
print("SO_ERROR", errno.errorcode.get(c.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR))); print("connect after SO_ERROR", en(lambda: c.connect(("127.0.0.1", 81))))
s = socket.socket(); print("blocking refused", en(lambda: s.connect(("127.0.0.1", 9)))); print("listen after refused", en(lambda: s.listen(1)))
c = socket.socket(); print("connect 0.0.0.0:80", en(lambda: c.connect(("0.0.0.0", 80))), "peer", c.getpeername())
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); print("udp connect 0.0.0.0", en(lambda: u.connect(("0.0.0.0", 53))), "peer", u.getpeername())
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); print("udp sendto no route", en(lambda: u.sendto(b"x", ("10.9.9.9", 53))))
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); print("udp connect no route", en(lambda: u.connect(("10.9.9.9", 53))))
c = socket.socket(); print("tcp connect no route", en(lambda: c.connect(("10.9.9.9", 80))))
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); print("udp send unconnected", en(lambda: u.send(b"x")), "bound to port", u.getsockname()[1] != 0)
