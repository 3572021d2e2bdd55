package org.stacklab.process;

import org.stacklab.process.Step.*;

/**
 * A visitor for code that cares about a few kinds of step: each method it does not override
 * answers {@link #otherwise}.
 */
public abstract class StepPartial<R> implements Step.Visitor<R> {
    /** The answer for every kind of step not overridden. */
    protected abstract R otherwise(Step s);

    @Override
    public R socket(Socket s) {
        return otherwise(s);
    }

    @Override
    public R setSockOpt(SetSockOpt s) {
        return otherwise(s);
    }

    @Override
    public R bind(Bind s) {
        return otherwise(s);
    }

    @Override
    public R listen(Listen s) {
        return otherwise(s);
    }

    @Override
    public R accept(Accept s) {
        return otherwise(s);
    }

    @Override
    public R connect(Connect s) {
        return otherwise(s);
    }

    @Override
    public R send(Send s) {
        return otherwise(s);
    }

    @Override
    public R sendTo(SendTo s) {
        return otherwise(s);
    }

    @Override
    public R recv(Recv s) {
        return otherwise(s);
    }

    @Override
    public R recvFrom(RecvFrom s) {
        return otherwise(s);
    }

    @Override
    public R getSockName(GetSockName s) {
        return otherwise(s);
    }

    @Override
    public R getPeerName(GetPeerName s) {
        return otherwise(s);
    }

    @Override
    public R getSockOpt(GetSockOpt s) {
        return otherwise(s);
    }

    @Override
    public R shutdown(Shutdown s) {
        return otherwise(s);
    }

    @Override
    public R close(Close s) {
        return otherwise(s);
    }

    @Override
    public R sleep(Sleep s) {
        return otherwise(s);
    }

    @Override
    public R retry(Retry s) {
        return otherwise(s);
    }

    @Override
    public R exit(Exit s) {
        return otherwise(s);
    }

    @Override
    public R poll(Poll s) {
        return otherwise(s);
    }

    @Override
    public R repeat(Repeat s) {
        return otherwise(s);
    }

    @Override
    public R note(Note s) {
        return otherwise(s);
    }
}
