package org.stacklab.process;

/**
 * The methods of {@link Step.Visitor}, one per kind of step, kept apart from {@link Step} so that
 * the sealed interface holds only the steps themselves. Implement {@code Step.Visitor}, not this
 * interface: {@link Step#accept} takes a {@code Step.Visitor}.
 */
public interface StepVisitor<R> {
    R socket(Step.Socket s);

    R setSockOpt(Step.SetSockOpt s);

    R bind(Step.Bind s);

    R listen(Step.Listen s);

    R accept(Step.Accept s);

    R connect(Step.Connect s);

    R send(Step.Send s);

    R sendTo(Step.SendTo s);

    R recv(Step.Recv s);

    R recvFrom(Step.RecvFrom s);

    R getSockName(Step.GetSockName s);

    R getPeerName(Step.GetPeerName s);

    R getSockOpt(Step.GetSockOpt s);

    R shutdown(Step.Shutdown s);

    R close(Step.Close s);

    R sleep(Step.Sleep s);

    R repeat(Step.Repeat s);

    R note(Step.Note s);

    R retry(Step.Retry s);

    R exit(Step.Exit s);

    R poll(Step.Poll s);
}
