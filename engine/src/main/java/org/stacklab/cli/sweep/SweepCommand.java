package org.stacklab.cli.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.stacklab.scenario.Scenario;
import org.stacklab.scenario.ScenarioError;
import org.stacklab.scenario.ScenarioException;
import org.stacklab.scenario.ScenarioLoader;

/**
 * {@code stacklab sweep SCENARIO.yaml --set link.loss=0%,1%,2% --seeds 1-10}: every combination
 * of the values and seeds, run on all cores (one simulation per thread; runs share nothing), then
 * one CSV row per run and an SVG plot of one metric against one parameter.
 */
public final class SweepCommand {
    /** What the command line asked for, already checked. */
    public record Request(Path scenario, List<String> sets, String seeds, int jobs, Path out, String metric,
            String x, boolean quiet, boolean progressBar, int part, int parts) {}

    /** A mistake in the request: the caller prints it as a usage error (exit 2). */
    public static final class BadRequest extends Exception {
        public BadRequest(String message) {
            super(message);
        }
    }

    private final PrintStream out;
    private final PrintStream err;

    public SweepCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs the sweep; returns 0 when it ran (whatever the runs' expectations), 2 for bad input. */
    public int run(Request rq) throws BadRequest {
        Scenario base;
        try {
            base = ScenarioLoader.load(rq.scenario());
        } catch (ScenarioException e) {
            for (ScenarioError se : e.errors()) {
                err.println(se);
            }
            return 2;
        }
        List<SweepPlan.Param> params = new ArrayList<>();
        List<Long> seeds;
        try {
            for (String s : rq.sets()) {
                SweepPlan.Param p = SweepPlan.parseSet(s);
                for (SweepPlan.Param q : params) {
                    if (q.key().equals(p.key())) {
                        throw new BadRequest("--set " + p.key() + " is given twice");
                    }
                }
                params.add(p);
            }
            seeds = rq.seeds() == null ? List.of(base.seed()) : SweepPlan.parseSeeds(rq.seeds());
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
        SweepPlan plan = new SweepPlan(params, seeds);
        String xKey = rq.x() != null ? rq.x() : params.isEmpty() ? "seed" : params.get(0).key();
        int xIndex = xIndex(params, xKey);
        String metric = rq.metric() != null ? rq.metric() : "goodput_bps";
        if (!SweepRun.METRICS.contains(metric)) {
            throw new BadRequest("--plot: no metric '" + metric + "' (metrics: " + String.join(", ", SweepRun.METRICS) + ")");
        }
        List<SweepPlan.Combo> combos;
        List<Scenario> scenarios = new ArrayList<>();
        try {
            combos = part(plan.combos(), rq.part(), rq.parts());
            YAMLMapper yaml = new YAMLMapper();
            JsonNode tree = yaml.readTree(Files.readString(rq.scenario(), StandardCharsets.UTF_8));
            for (SweepPlan.Combo c : combos) {
                String text = SweepPlan.apply(yaml, tree, params, c);
                scenarios.add(ScenarioLoader.parse(rq.scenario() + " " + describe(params, c), text));
            }
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        } catch (ScenarioException e) {
            ScenarioError first = e.errors().get(0);
            throw new BadRequest(first.file() + ": " + first.message());
        } catch (IOException e) {
            throw new BadRequest("cannot read " + rq.scenario() + ": " + e.getMessage());
        }
        Path dir = rq.out() != null ? rq.out() : Path.of("reports", base.name() + "-sweep");
        List<Map<String, Number>> rows = runAll(scenarios, rq);
        SweepFiles.write(dir, base, params, combos, rows, metric, xKey, xIndex);
        int held = 0;
        for (Map<String, Number> r : rows) {
            held += r.get("held").intValue();
        }
        if (!rq.quiet()) {
            out.println("sweep " + base.name() + ": " + combos.size() + " runs"
                    + (rq.parts() > 1 ? " (part " + rq.part() + " of " + rq.parts() + ")" : " (" + (combos.size() / seeds.size())
                    + " combinations x " + seeds.size() + " seeds)") + " on " + rq.jobs() + " threads");
            out.println("expectations held in " + held + " of " + combos.size() + " runs");
            out.println("reports: " + dir + "/ (sweep.csv, sweep.svg: " + metric + " against " + xKey + ")");
        }
        return 0;
    }

    /**
     * Part {@code k} of {@code n} ({@code --part K/N}): every n-th run starting at the k-th, so n
     * tasks of a batch system each run a share; their CSVs' rows, sorted by {@code run}, make the
     * whole sweep's CSV.
     */
    static List<SweepPlan.Combo> part(List<SweepPlan.Combo> all, int k, int n) {
        if (n <= 1) {
            return all;
        }
        List<SweepPlan.Combo> mine = new ArrayList<>();
        for (SweepPlan.Combo c : all) {
            if (c.index() % n == k - 1) {
                mine.add(c);
            }
        }
        return mine;
    }

    private static int xIndex(List<SweepPlan.Param> params, String xKey) throws BadRequest {
        if (xKey.equals("seed")) {
            return -1;
        }
        for (int i = 0; i < params.size(); i++) {
            if (params.get(i).key().equals(xKey)) {
                return i;
            }
        }
        throw new BadRequest("--x: '" + xKey + "' is not one of the --set keys (or seed)");
    }

    static String describe(List<SweepPlan.Param> params, SweepPlan.Combo c) {
        StringBuilder sb = new StringBuilder("[");
        for (int k = 0; k < params.size(); k++) {
            sb.append(params.get(k).key()).append('=').append(c.values().get(k)).append(' ');
        }
        return sb.append("seed=").append(c.seed()).append(']').toString();
    }

    private List<Map<String, Number>> runAll(List<Scenario> scenarios, Request rq) {
        ExecutorService pool = Executors.newFixedThreadPool(rq.jobs(), r -> {
            Thread t = new Thread(r, "sweep");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Map<String, Number>>> futures = new ArrayList<>();
            for (Scenario s : scenarios) {
                futures.add(pool.submit(() -> SweepRun.run(s)));
            }
            List<Map<String, Number>> rows = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                rows.add(futures.get(i).get());
                if (rq.progressBar() && !rq.quiet()) {
                    progress(i + 1, futures.size());
                }
            }
            if (rq.progressBar() && !rq.quiet()) {
                err.print("\r\033[K");
                err.flush();
            }
            return rows;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the sweep was interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error er) {
                throw er;
            }
            throw new IllegalStateException(c);
        } finally {
            pool.shutdownNow();
            try {
                pool.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void progress(int done, int total) {
        int width = 30;
        int filled = (int) ((long) done * width / total);
        err.print("\r[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + done + "/" + total + " runs");
        err.flush();
    }
}
