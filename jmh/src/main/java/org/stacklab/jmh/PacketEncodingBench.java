package org.stacklab.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.stacklab.wire.Bytes;
import org.stacklab.wire.Ipv4Address;
import org.stacklab.wire.IpPacket;
import org.stacklab.wire.PacketEncoder;
import org.stacklab.wire.TcpFlags;
import org.stacklab.wire.TcpSegment;
import org.stacklab.wire.UdpDatagram;

/** Encoding packets to wire bytes with checksums (pcap, pcapng): W1's datagram and a full TCP segment. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PacketEncodingBench {
    private final Ipv4Address a = Ipv4Address.parse("10.0.0.1");
    private final Ipv4Address b = Ipv4Address.parse("192.168.0.2");
    private final IpPacket udp512 = new IpPacket(a, b, 64, 1, new UdpDatagram(40000, 7, Bytes.generated(512)));
    private final IpPacket tcp1448 = new IpPacket(a, b, 64, 2,
            new TcpSegment(40000, 80, 1000, 2000, TcpFlags.ACK, 65535, 0, Bytes.generated(1448)));
    private final IpPacket tcpSyn = new IpPacket(a, b, 64, 3,
            new TcpSegment(40000, 80, 1000, 0, TcpFlags.SYN, 65535, 1460, Bytes.EMPTY));
    private final byte[] buf = new byte[2048];

    @Benchmark
    public int udp512() {
        return PacketEncoder.encodeInto(udp512, buf, 0);
    }

    @Benchmark
    public int tcp1448() {
        return PacketEncoder.encodeInto(tcp1448, buf, 0);
    }

    @Benchmark
    public int tcpSyn() {
        return PacketEncoder.encodeInto(tcpSyn, buf, 0);
    }

    @Benchmark
    public byte[] udp512Allocating() {
        return PacketEncoder.encode(udp512);
    }
}
