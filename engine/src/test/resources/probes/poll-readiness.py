# Kernel probe for rules P1-P4 of docs/port-table.md (poll readiness). Run as:
#   unshare --net --map-root-user sh -c 'ip link set lo up; python3 poll-readiness.py'
# Measured on Linux 6.18 (output in the comments of SocketApiRulesTest).
import socket, select, time, errno, os
P={select.POLLIN:'in',select.POLLPRI:'pri',select.POLLOUT:'out',select.POLLERR:'err',select.POLLHUP:'hup',0x2000:'rdhup'}
def ev(m): return [n for b,n in P.items() if m&b]
ALL=select.POLLIN|select.POLLOUT|select.POLLPRI|0x2000
def pl(s,e=ALL,t=100):
    p=select.poll(); p.register(s,e); r=p.poll(t); return ev(r[0][1]) if r else []
T=socket.SOCK_STREAM
s=socket.socket(); print('fresh tcp', pl(s))
s.setblocking(False)
try: s.connect(('127.0.0.1',9))
except OSError as e: print('connect',errno.errorcode[e.errno])
time.sleep(0.1); print('refused', pl(s), 'ask out', pl(s,select.POLLOUT), 'ask in', pl(s,select.POLLIN),'ask none',pl(s,0))
print('soerr', s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)); print('after soerr', pl(s))
L=socket.socket(); L.bind(('127.0.0.1',5000)); print('bound', pl(L)); L.listen(); print('listen empty', pl(L))
c=socket.socket(); c.setblocking(False)
try: c.connect(('127.0.0.1',5000))
except OSError as e: print('connect',errno.errorcode[e.errno])
time.sleep(0.05); print('client connected', pl(c)); print('listener queue', pl(L))
a,_=L.accept(); print('listener after accept', pl(L)); print('accepted', pl(a))
c.send(b'hi'); time.sleep(0.05); print('data', pl(a))
c.send(b'x',socket.MSG_OOB); time.sleep(0.05); print('oob', pl(a))
a.recv(100); c.shutdown(socket.SHUT_WR); time.sleep(0.05); print('fin', pl(a), 'client after shut wr', pl(c))
a.shutdown(socket.SHUT_WR); time.sleep(0.05); print('both fin: a', pl(a), 'c', pl(c))
# RST
L2=socket.socket(); L2.bind(('127.0.0.1',5001)); L2.listen()
c2=socket.create_connection(('127.0.0.1',5001)); a2,_=L2.accept()
a2.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b'\x01\0\0\0\0\0\0\0'); a2.close(); time.sleep(0.05)
print('rst', pl(c2))
c3=socket.create_connection(('127.0.0.1',5001)); a3,_=L2.accept(); a3.shutdown(socket.SHUT_RDWR); print('own shut both', pl(a3))
c4=socket.create_connection(('127.0.0.1',5001)); a4,_=L2.accept(); a4.shutdown(socket.SHUT_RD); print('own shut rd', pl(a4))
# UDP
u=socket.socket(type=socket.SOCK_DGRAM); print('udp fresh', pl(u))
u.bind(('127.0.0.1',6000)); v=socket.socket(type=socket.SOCK_DGRAM); v.sendto(b'a',('127.0.0.1',6000)); time.sleep(0.02); print('udp data', pl(u))
v.connect(('127.0.0.1',6001)); v.send(b'x'); time.sleep(0.05); print('udp refused', pl(v)); 
try: v.recv(10)
except OSError as e: print('recv',errno.errorcode[e.errno])
print('udp after err', pl(v))
w=socket.socket(type=socket.SOCK_DGRAM); w.shutdown(socket.SHUT_RD) if False else None
try: w.shutdown(socket.SHUT_RDWR)
except OSError as e: print('shut',errno.errorcode[e.errno])
print('udp shut both', pl(w))
w2=socket.socket(type=socket.SOCK_DGRAM)
try: w2.shutdown(socket.SHUT_RD)
except OSError as e: pass
print('udp shut rd', pl(w2))
# poll timeouts
t=time.time(); print('timeout 0', select.poll().poll(0))
