package org.stacklab.scenario;

import java.util.List;
import org.stacklab.process.Step;

/**
 * A process as written: on a host (or a group, making one process per member), running either
 * {@code steps} or a built-in {@code app} (exactly one of the two is non-null).
 *
 * @param user {@code root} by default; any other user gets EACCES below port 1024
 */
public record ProcessSpec(Pos pos, String name, String host, String user, long startNs, List<Step> steps, AppSpec app) {}
