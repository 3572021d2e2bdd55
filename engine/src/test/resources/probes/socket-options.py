# Kernel probe for rules S1-S6 of docs/port-table.md (recv/send flags, SO_SNDTIMEO, connect(AF_UNSPEC),
# SO_LINGER, buffer sizes). Run as:
#   unshare --net --map-root-user sh -c 'ip link set lo up; python3 socket-options.py'
# Measured on Linux 6.18 (output in the comments of SocketApiRulesTest).
import socket, errno, struct, time, ctypes
libc = ctypes.CDLL(None, use_errno=True)
def en(f):
    try: r = f(); return r if r is not None else 0
    except OSError as e: return errno.errorcode.get(e.errno, repr(e))
def unspec(s):
    sa = struct.pack('H14x', 0)
    return 0 if libc.connect(s.fileno(), sa, len(sa)) == 0 else errno.errorcode[ctypes.get_errno()]
L = socket.socket(); L.bind(('127.0.0.1', 5000)); L.listen()
# S1 flags
c = socket.create_connection(('127.0.0.1', 5000)); a, _ = L.accept()
c.send(b'hello'); time.sleep(0.05)
print('peek', a.recv(100, socket.MSG_PEEK), 'then recv', a.recv(100))
print('dontwait empty', en(lambda: a.recv(100, socket.MSG_DONTWAIT)))
c.send(b'abc'); time.sleep(0.05); a.settimeout(None)
def later():
    time.sleep(0.2); c.send(b'defgh')
import threading; threading.Thread(target=later).start()
t = time.time(); print('waitall 8', a.recv(8, socket.MSG_WAITALL), round(time.time() - t, 1))
u = socket.socket(type=socket.SOCK_DGRAM); u.bind(('127.0.0.1', 6000)); v = socket.socket(type=socket.SOCK_DGRAM)
v.sendto(b'0123456789', ('127.0.0.1', 6000)); time.sleep(0.02)
print('udp trunc max 4', len(u.recv(4, socket.MSG_PEEK | socket.MSG_TRUNC)), 'without trunc', len(u.recv(4)))
# S2 SO_SNDTIMEO partial
c2 = socket.socket(); c2.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 8192); c2.connect(('127.0.0.1', 5000)); a2, _ = L.accept()
c2.setsockopt(socket.SOL_SOCKET, socket.SO_SNDTIMEO, struct.pack('ll', 0, 300000))
t = time.time(); print('sndtimeo send 4000000', en(lambda: c2.send(b'x' * 4000000)), round(time.time() - t, 1))
t = time.time(); print('sndtimeo send when full', en(lambda: c2.send(b'x' * 100)), round(time.time() - t, 1))
print('dontwait send when full', en(lambda: c2.send(b'x', socket.MSG_DONTWAIT)))
# S3 connect(AF_UNSPEC)
u = socket.socket(type=socket.SOCK_DGRAM); u.connect(('127.0.0.1', 7000))
print('udp unspec', unspec(u), 'name', u.getsockname(), 'peer', en(lambda: u.getpeername()), 'send', en(lambda: u.send(b'x')))
u2 = socket.socket(type=socket.SOCK_DGRAM); u2.bind(('127.0.0.1', 7100)); u2.connect(('127.0.0.1', 7000)); unspec(u2); print('udp bound unspec name', u2.getsockname())
c3 = socket.create_connection(('127.0.0.1', 5000)); a3, _ = L.accept()
print('tcp unspec', unspec(c3), 'peer', en(lambda: c3.getpeername())); time.sleep(0.1)
print('peer recv', en(lambda: a3.recv(10)), 'send after', en(lambda: c3.send(b'x')), 'recv after', en(lambda: c3.recv(1, socket.MSG_DONTWAIT)))
print('reconnect', en(lambda: c3.connect(('127.0.0.1', 5000)))); L.accept()
# S4 linger 0
c4 = socket.create_connection(('127.0.0.1', 5000)); a4, _ = L.accept()
c4.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0)); c4.close(); time.sleep(0.1)
print('peer after linger 0 close', en(lambda: a4.recv(10)))
# S6 buffer sizes
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 8192); print('sndbuf 8192 ->', s.getsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF))
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096); print('rcvbuf 4096 ->', s.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF))
s.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 1); print('sndbuf 1 ->', s.getsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF))
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1); print('rcvbuf 1 ->', s.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF))
