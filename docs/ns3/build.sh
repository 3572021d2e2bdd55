#!/bin/bash
# Builds tcp_cubic_goodput against Debian's ns-3.37 (apt-get install -y ns3 libns3-dev).
set -euo pipefail
cd "$(dirname "$0")"
MODS="ns3-core ns3-network ns3-internet ns3-point-to-point ns3-applications ns3-traffic-control"
# Debian's .pc files carry a stray '-I/usr;' flag and name dev symlinks that may be missing.
CFLAGS=$(pkg-config --cflags $MODS | tr ' ' '\n' | grep -v '^-I/usr;$' | tr '\n' ' ')
LIBS=""
for w in $(pkg-config --libs $MODS); do
  case "$w" in /*) [ -e "$w" ] && LIBS="$LIBS $w" ;; *) LIBS="$LIBS $w" ;; esac
done
g++ -O2 -std=c++17 -DNDEBUG $CFLAGS -o "${OUT:-/tmp}/tcp_cubic_goodput" tcp_cubic_goodput.cc $LIBS
echo "built ${OUT:-/tmp}/tcp_cubic_goodput"
