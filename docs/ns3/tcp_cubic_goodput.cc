// One TCP transfer over one point-to-point link, ns-3.37's side of docs/tcp.md "Congestion control".
//   sender --(10 Mbps, rtt/2 each way, packet loss p in each direction)-- receiver
// The sender's BulkSendApplication writes `bytes` bytes; the receiver's PacketSink reads them.
// Goodput = bytes * 8 / (time the last byte arrived - time the application started).
// TCP: ns-3.37 defaults (TcpCubic unless --cc says otherwise, SACK, timestamps, window scaling,
// delayed ACK count 2, 128 KiB buffers) except SegmentSize 1448 (Linux's with timestamps) and
// InitialCwnd 10 (Linux's, RFC 6928), MinRto 200 ms (Linux's TCP_RTO_MIN; ns-3's default of 1 s
// makes every timeout on a 20 ms path cost 50 round trips) and DelAckTimeout 40 ms (Linux's
// TCP_DELACK_MIN; with ns-3's 200 ms and a 200 ms RTO floor, delayed ACKs fire spurious timeouts
// and 1 % loss fell to 0.07 Mbit/s). Queue: a 100-packet DropTail device queue, no queue disc,
// as StackLab's `queue: 100`.
// Build: see build.sh next to this file. Run: ./tcp_cubic_goodput --rtt=20 --loss=0.01 --seed=1
#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/traffic-control-module.h"
#include <cstdio>

using namespace ns3;

static uint64_t g_rx = 0, g_target = 0;
static double g_done = -1;
static void Rx(Ptr<const Packet> p, const Address&) {
  g_rx += p->GetSize();
  if (g_rx >= g_target && g_done < 0) {
    g_done = Simulator::Now().GetSeconds();
    Simulator::Stop();
  }
}

int main(int argc, char** argv) {
  double rttMs = 20, loss = 0.01;
  uint32_t bytes = 10000000, seed = 1, minRtoMs = 200;
  std::string cc = "ns3::TcpCubic";
  CommandLine cmd;
  cmd.AddValue("rtt", "round-trip propagation delay, ms", rttMs);
  cmd.AddValue("loss", "packet loss rate in each direction", loss);
  cmd.AddValue("bytes", "bytes to transfer", bytes);
  cmd.AddValue("seed", "RNG run number", seed);
  cmd.AddValue("cc", "congestion control TypeId", cc);
  cmd.AddValue("minrto", "minimum RTO, ms", minRtoMs);
  cmd.Parse(argc, argv);
  RngSeedManager::SetSeed(1);
  RngSeedManager::SetRun(seed);

  Config::SetDefault("ns3::TcpL4Protocol::SocketType", TypeIdValue(TypeId::LookupByName(cc)));
  Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1448));
  Config::SetDefault("ns3::TcpSocket::InitialCwnd", UintegerValue(10));
  Config::SetDefault("ns3::TcpSocketBase::MinRto", TimeValue(MilliSeconds(minRtoMs)));
  Config::SetDefault("ns3::TcpSocket::DelAckTimeout", TimeValue(MilliSeconds(40)));
  Config::SetDefault("ns3::DropTailQueue<Packet>::MaxSize", QueueSizeValue(QueueSize("100p")));

  NodeContainer nodes;
  nodes.Create(2);
  InternetStackHelper stack;
  stack.Install(nodes);
  PointToPointHelper p2p;
  p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
  p2p.SetChannelAttribute("Delay", TimeValue(MicroSeconds(int64_t(rttMs * 500))));
  NetDeviceContainer d = p2p.Install(nodes);
  for (uint32_t i = 0; i < 2; ++i) {
    Ptr<RateErrorModel> em = CreateObject<RateErrorModel>();
    em->SetAttribute("ErrorUnit", EnumValue(RateErrorModel::ERROR_UNIT_PACKET));
    em->SetAttribute("ErrorRate", DoubleValue(loss));
    d.Get(i)->SetAttribute("ReceiveErrorModel", PointerValue(em));
  }
  Ipv4AddressHelper addr;
  addr.SetBase("10.0.0.0", "255.255.255.252");
  Ipv4InterfaceContainer ifs = addr.Assign(d);
  TrafficControlHelper tch;
  tch.Uninstall(d);

  PacketSinkHelper sink("ns3::TcpSocketFactory", InetSocketAddress(Ipv4Address::GetAny(), 80));
  ApplicationContainer sa = sink.Install(nodes.Get(1));
  sa.Start(Seconds(0));
  sa.Get(0)->TraceConnectWithoutContext("Rx", MakeCallback(&Rx));
  BulkSendHelper bulk("ns3::TcpSocketFactory", InetSocketAddress(ifs.GetAddress(1), 80));
  bulk.SetAttribute("MaxBytes", UintegerValue(bytes));
  ApplicationContainer ca = bulk.Install(nodes.Get(0));
  ca.Start(Seconds(1.0));
  g_target = bytes;
  Simulator::Stop(Seconds(3601));
  Simulator::Run();
  Simulator::Destroy();
  double t = g_done - 1.0;
  printf("cc=%s rtt_ms=%g loss=%g seed=%u bytes=%u completion_s=%.6f goodput_bps=%.0f\n", cc.c_str(), rttMs,
         loss, seed, bytes, t, g_done < 0 ? 0.0 : bytes * 8.0 / t);
  return 0;
}
