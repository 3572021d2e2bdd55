# Kernel probe for issue 16 (docs/tcp.md, Timers): when Linux repeats an unanswered SYN and when
# connect() gives up. Run as:  unshare --net python3 syn-schedule.py   (about 135 s)
# Measured on Linux 6.18 (tcp_syn_retries 6, tcp_syn_linear_timeouts 4):
#   SYNs at [0.0, 1.03, 2.05, 3.08, 4.1, 5.13, 7.14, 11.33, 19.55, 35.65, 68.96]; error 110 (ETIMEDOUT) after 134.5
# i.e. 0,1,2,3,4,5,7,11,19,35,67 s and 131 s nominal (each timer fires a little late on a loaded machine).
import socket, subprocess, time
for c in ["ip link set lo up", "ip route add 10.1.0.0/24 dev lo"]:
    subprocess.run(c.split())
print("syn_retries", open("/proc/sys/net/ipv4/tcp_syn_retries").read().strip())
try: print("syn_linear_timeouts", open("/proc/sys/net/ipv4/tcp_syn_linear_timeouts").read().strip())
except Exception as e: print("no syn_linear_timeouts", e)
r = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x0800)); r.bind(("lo", 0)); r.settimeout(0.05)
s = socket.socket(); s.setblocking(False)
t = time.time()
try: s.connect(("10.1.0.2", 80))
except BlockingIOError: pass
syns = []
import select
while True:
    try:
        f = r.recv(2000)
        ip = f[14:]
        if ip[9] == 6 and ip[16:20] == socket.inet_aton("10.1.0.2") and ip[33] & 2:
            syns.append(round(time.time() - t, 2))
    except socket.timeout: pass
    err = s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
    if err:
        print("error", err, "after", round(time.time() - t, 1)); break
seen = sorted(set(round(x) for x in syns))
print("SYNs at", syns)
