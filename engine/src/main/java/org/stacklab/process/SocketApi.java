package org.stacklab.process;

import java.util.function.Consumer;

/**
 * The socket API that scripts and built-in apps call. The simulated stack implements it on
 * simulated time; the bridge implements it again on real loopback sockets, so the same script
 * runs in both worlds.
 *
 * <p>Calls complete through {@code done}, exactly once, possibly before {@code submit} returns
 * (a call that does not block). Blocking calls ({@code accept}, {@code connect}, {@code recv},
 * {@code recvfrom}, a {@code send} into a full buffer, {@code sleep}) complete later.
 */
public interface SocketApi {
    void submit(Call call, Consumer<Outcome> done);

    /** Nanoseconds since the scenario began, in this world's clock. */
    long now();
}
