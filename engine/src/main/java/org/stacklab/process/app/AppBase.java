package org.stacklab.process.app;

import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.stacklab.process.Call;
import org.stacklab.process.Outcome;
import org.stacklab.process.ProcessObserver;
import org.stacklab.process.Program;
import org.stacklab.process.SocketApi;
import org.stacklab.process.Step;
import org.stacklab.process.VirtualProcess;
import org.stacklab.wire.Endpoint;
import org.stacklab.wire.Ipv4Address;

/**
 * Common ground of the built-in apps: they call the same {@link SocketApi} as scripts (so they
 * run on real sockets in the bridge too), and every call is reported to the observer.
 */
abstract class AppBase implements Program {
    protected VirtualProcess proc;
    protected SocketApi api;
    protected ProcessObserver observer;

    @Override
    public final void start(VirtualProcess p, SocketApi api, ProcessObserver observer) {
        this.proc = p;
        this.api = api;
        this.observer = observer;
        run();
    }

    /** The app's main: issue the first calls. */
    protected abstract void run();

    /** Submits a call and reports it; an error nobody expected fails the process. */
    protected void call(Call c, Consumer<Outcome> then) {
        api.submit(c, o -> {
            observer.call(proc, null, c, o, false);
            if (!o.ok()) {
                proc.fail(observer, proc.name() + ": " + c.name() + " failed with " + o.error() + " ("
                        + o.error().message() + ")");
                return;
            }
            then.accept(o);
        });
    }

    /**
     * Submits a call and reports it, handing the outcome to {@code then} even when it failed: for
     * calls on one connection of a server, whose failure (a reset peer) must not stop the server.
     */
    protected void attempt(Call c, Consumer<Outcome> then) {
        api.submit(c, o -> {
            observer.call(proc, null, c, o, false);
            then.accept(o);
        });
    }

    /** Opens a stream socket listening on 0.0.0.0:{@code port} (backlog somaxconn) and accepts forever. */
    protected void serveForever(int port, IntConsumer connection) {
        call(new Call.Open(Step.SockType.STREAM), opened -> {
            int fd = opened.fd();
            call(new Call.Bind(fd, new Endpoint(Ipv4Address.ANY, port)),
                    bound -> call(new Call.Listen(fd, -1), listening -> repeat(next ->
                            call(new Call.Accept(fd, -1), accepted -> {
                                connection.accept(accepted.fd());
                                next.run();
                            }))));
        });
    }

    /** Closes a connection, ignoring the outcome. */
    protected void closeQuietly(int fd) {
        attempt(new Call.Close(fd), closed -> { });
    }

    /**
     * Runs {@code body} again and again; each round calls its argument when done. Rounds that
     * complete at once loop instead of recursing.
     */
    protected static void repeat(Consumer<Runnable> body) {
        new Object() {
            boolean inside;
            boolean again;

            void go() {
                do {
                    again = false;
                    inside = true;
                    body.accept(this::next);
                    inside = false;
                } while (again);
            }

            void next() {
                if (inside) {
                    again = true;
                } else {
                    go();
                }
            }
        }.go();
    }
}
