# Kernel probe for issue 15 (rule R5 of docs/port-table.md): shutdown on UDP sockets.
#   unshare --net --map-root-user python3 udp-shutdown.py
# Measured on Linux 6.18: shut rd 0; blocking recv after shut rd b"" at once; shut wr unconn ENOTCONN;
# sendto after EPIPE; shut rd unconn ENOTCONN; recv after b"".
import socket, errno, subprocess, signal, select
subprocess.run(["ip","link","set","lo","up"])
def en(f):
    try: r=f(); return r if r is not None else 0
    except OSError as e: return errno.errorcode.get(e.errno, repr(e))
signal.signal(signal.SIGALRM, lambda *a: None)
u=socket.socket(socket.AF_INET,socket.SOCK_DGRAM); u.connect(("127.0.0.1",53)); print("shut rd", en(lambda: u.shutdown(socket.SHUT_RD)))
print("poll", select.poll().poll(0) if False else None)
p=select.poll(); p.register(u, select.POLLIN); print("poll after shut rd", p.poll(0))
print("dontwait recv", en(lambda: u.recv(100, socket.MSG_DONTWAIT)))
signal.alarm(2); print("blocking recv after shut rd", en(lambda: u.recv(100))); signal.alarm(0)
u=socket.socket(socket.AF_INET,socket.SOCK_DGRAM); print("shut wr unconn", en(lambda: u.shutdown(socket.SHUT_WR))); print("sendto after", en(lambda: u.sendto(b"x",("127.0.0.1",53))))
u=socket.socket(socket.AF_INET,socket.SOCK_DGRAM); u.bind(("127.0.0.1",5000)); print("shut rd unconn", en(lambda: u.shutdown(socket.SHUT_RD)));
signal.alarm(2); print("recv after", en(lambda: u.recv(100))); signal.alarm(0)
u=socket.socket(socket.AF_INET,socket.SOCK_DGRAM); print("shut both unconn", en(lambda: u.shutdown(socket.SHUT_RDWR)))
