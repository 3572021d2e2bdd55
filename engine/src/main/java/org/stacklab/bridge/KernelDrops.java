package org.stacklab.bridge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The kernel's own count of UDP datagrams it dropped for a full receive buffer
 * ({@code RcvbufErrors} in /proc/net/snmp): a real process slower than its simulated twin loses
 * datagrams the simulation delivers. The count is per network namespace, so exact under
 * {@code --isolate} and machine-wide otherwise.
 */
final class KernelDrops {
    private KernelDrops() {}

    /** UDP datagrams dropped in the namespace whose /proc net folder is {@code netDir} for full buffers so far, or -1 when unknown. */
    static long udpReceiveBufferErrors(Path netDir) {
        try {
            List<String> lines = Files.readAllLines(netDir.resolve("snmp"), StandardCharsets.US_ASCII);
            for (int i = 0; i + 1 < lines.size(); i++) {
                if (lines.get(i).startsWith("Udp:") && lines.get(i + 1).startsWith("Udp:")) {
                    String[] names = lines.get(i).trim().split("\\s+");
                    String[] values = lines.get(i + 1).trim().split("\\s+");
                    for (int k = 1; k < names.length && k < values.length; k++) {
                        if (names[k].equals("RcvbufErrors")) {
                            return Long.parseLong(values[k]);
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or no procfs
        }
        return -1;
    }
}
