package org.stacklab.net;

/**
 * IPv4 address bits to host, open addressing with linear probing: one multiply and, almost
 * always, one array read per lookup, and no boxing (a {@code HashMap<Integer, Host>} allocates
 * an {@code Integer} for every lookup of an address above 127).
 */
final class AddressMap {
    private int[] keys = new int[16];
    private Host[] values = new Host[16];
    private int size;

    Host get(int bits) {
        int mask = keys.length - 1;
        for (int i = slot(bits, mask); ; i = (i + 1) & mask) {
            Host h = values[i];
            if (h == null || keys[i] == bits) {
                return h;
            }
        }
    }

    void put(int bits, Host h) {
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = slot(bits, mask);
        while (values[i] != null && keys[i] != bits) {
            i = (i + 1) & mask;
        }
        if (values[i] == null) {
            size++;
        }
        keys[i] = bits;
        values[i] = h;
    }

    private void grow() {
        int[] oldKeys = keys;
        Host[] oldValues = values;
        keys = new int[oldKeys.length * 2];
        values = new Host[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != null) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    private static int slot(int bits, int mask) {
        int h = bits * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }
}
