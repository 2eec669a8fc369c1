import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * The benchmark: the emulator beside WireMock standalone (a static stub of the register and finish responses) and a
 * bare Vert.x route (the ceiling of this stack), measured in one run on one machine. Run by bench/run.sh:
 *   java -cp emulator/target/b24-emulator.jar bench/Bench.java WIREMOCK_JAR
 * With "bare-vertx PORT" it is itself the bare Vert.x server.
 */
public class Bench {
    static final String REGISTER_BODY = "{\"result\":{\"CALL_ID\":\"externalCall.716f1cb73def9700a23842adf9c4c568.1773130779\","
            + "\"CRM_CREATED_LEAD\":null,\"CRM_CREATED_ENTITIES\":[],\"CRM_ENTITY_TYPE\":\"CONTACT\",\"CRM_ENTITY_ID\":797},"
            + "\"time\":{\"start\":1773130778,\"finish\":1773130779.120838,\"duration\":1.120837,\"processing\":1,"
            + "\"date_start\":\"2026-03-10T11:19:38+03:00\",\"date_finish\":\"2026-03-10T11:19:39+03:00\"}}";
    /** WireMock standalone's root (its mappings/ and __files/), kept out of the checkout's top directory */
    static final String WIREMOCK_ROOT = "target/bench/wiremock-root";
    static final int CONCURRENCY = Integer.getInteger("concurrency", 16);
    static final int SECONDS = Integer.getInteger("seconds", 20);
    static final long FINISHED_CALLS = Long.getLong("finishedCalls", 1_000_000);
    static final int SOAK_SECONDS = Integer.getInteger("soakSeconds", 600);
    static final int SEARCH_ENTITIES = Integer.getInteger("searchEntities", 100_000);
    static final int STATISTIC_CALLS = Integer.getInteger("statisticCalls", 100_000);
    /** Optional -Xmx for the emulator (e.g. 256m), to see whether its memory stays flat when G1 may not grow the heap. */
    static final String EMULATOR_HEAP = System.getProperty("emulatorHeap", "");
    /** Unmeasured load before each measured one, so every server is compared after its JIT has warmed up. */
    static final int WARMUP_SECONDS = Integer.getInteger("warmupSeconds", 10);
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** Every server started, so a failed run stops them all instead of leaving them behind. */
    static final List<Process> STARTED = new java.util.concurrent.CopyOnWriteArrayList<>();

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("bare-vertx")) {
            bareVertx(Integer.parseInt(args[1]));
            return;
        }
        if (args.length == 2 && args[1].equals("statistics")) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> STARTED.forEach(Process::destroyForcibly)));
            List<String> rows = new ArrayList<>();
            statistics(Path.of("emulator/target/b24-emulator.jar"), rows);
            System.exit(0);
        }
        if (args.length == 2 && args[1].equals("search")) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> STARTED.forEach(Process::destroyForcibly)));
            List<String> rows = new ArrayList<>();
            search(Path.of("emulator/target/b24-emulator.jar"), rows);
            System.exit(0);
        }
        if (args.length == 2 && args[1].equals("security")) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> STARTED.forEach(Process::destroyForcibly)));
            List<String> rows = new ArrayList<>();
            security(Path.of("emulator/target/b24-emulator.jar"), rows);
            System.exit(0);
        }
        if (args.length == 2 && args[1].equals("startup")) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> STARTED.forEach(Process::destroyForcibly)));
            startUp(Path.of(args[0]), Path.of("emulator/target/b24-emulator.jar"), new ArrayList<>());
            System.exit(0);
        }
        if (args.length == 2 && args[1].equals("transport")) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> STARTED.forEach(Process::destroyForcibly)));
            transport(Path.of("emulator/target/b24-emulator.jar"));
            System.exit(0);
        }
        if (args.length == 2 && args[1].equals("inprocess")) {
            inProcess();
            System.exit(0);
        }
        if (args.length == 3 && args[1].equals("inprocess-one")) {
            inProcessOne(args[2]);
            System.exit(0);
        }
        if (args.length == 2 && args[1].equals("profile")) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> STARTED.forEach(Process::destroyForcibly)));
            profile();
            System.exit(0);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> STARTED.forEach(Process::destroyForcibly)));
        int status = 0;
        try {
            measure(args);
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            status = 1; // the load's worker threads would otherwise keep a failed run alive
        } finally {
            STARTED.forEach(Process::destroyForcibly);
        }
        System.exit(status);
    }

    static void measure(String[] args) throws Exception {
        Path wiremock = Path.of(args[0]);
        Path jar = Path.of("emulator/target/b24-emulator.jar");
        List<String> rows = new ArrayList<>();
        System.out.printf("concurrency %d, %d s warm-up + %d s per load, %d finished calls, %d s soak, %d CRM entities, "
                        + "%d calls in the statistics, %d cores%n", CONCURRENCY, WARMUP_SECONDS, SECONDS, FINISHED_CALLS,
                SOAK_SECONDS, SEARCH_ENTITIES, STATISTIC_CALLS, Runtime.getRuntime().availableProcessors());

        startUp(wiremock, jar, rows);

        phase("register -> finish cycles");
        Server emulator = Server.start(port -> emulatorCommand(jar, port),
                port -> "http://127.0.0.1:" + port + "/rest/1/demo-token/user.current");
        long emulatorIdle = emulator.rss();
        String hook = "http://127.0.0.1:" + emulator.port + "/rest/1/demo-token/";
        // one cycle for every phase, so its numbers never repeat and every register is a new call
        Runnable cycle = cycle(hook);
        Load emulatorCycle = Load.warmThenRun(SECONDS, cycle);

        phase("WireMock");
        Server wm = Server.start(port -> List.of(java(), "-jar", wiremock.toString(), "--port", "" + port, "--disable-banner",
                        "--root-dir", WIREMOCK_ROOT),
                port -> "http://127.0.0.1:" + port + "/__admin/health");
        for (String method : List.of("telephony.externalcall.register", "telephony.externalcall.finish")) {
            post("http://127.0.0.1:" + wm.port + "/__admin/mappings", "{\"request\":{\"method\":\"POST\",\"url\":\"/rest/1/demo-token/"
                    + method + "\"},\"response\":{\"status\":200,\"headers\":{\"Content-Type\":\"application/json; charset=utf-8\"},"
                    + "\"body\":" + quote(REGISTER_BODY) + "}}");
        }
        long wiremockIdle = wm.rss();
        String wmHook = "http://127.0.0.1:" + wm.port + "/rest/1/demo-token/";
        Load wiremockCycle = Load.warmThenRun(SECONDS, () -> {
            post(wmHook + "telephony.externalcall.register", "{\"USER_ID\":2,\"PHONE_NUMBER\":\"+79990000001\",\"TYPE\":2}");
            post(wmHook + "telephony.externalcall.finish", "{\"CALL_ID\":\"x\",\"USER_ID\":2}");
        });
        wm.stop();

        phase("bare Vert.x");
        Server bare = Server.start(port -> List.of(java(), "-cp", jar.toString(), "bench/Bench.java", "bare-vertx", "" + port),
                port -> "http://127.0.0.1:" + port + "/");
        long bareIdle = bare.rss();
        String bareHook = "http://127.0.0.1:" + bare.port + "/rest/1/demo-token/";
        Load bareCycle = Load.warmThenRun(SECONDS, () -> {
            post(bareHook + "telephony.externalcall.register", "{}");
            post(bareHook + "telephony.externalcall.finish", "{}");
        });
        bare.stop();

        row(rows, String.format(Locale.ROOT, "| register → finish cycles/s | %.0f | %.0f | %.0f | %.2f× | %.2f× |",
                emulatorCycle.perSecond(), wiremockCycle.perSecond(), bareCycle.perSecond(),
                emulatorCycle.perSecond() / wiremockCycle.perSecond(), emulatorCycle.perSecond() / bareCycle.perSecond()));
        row(rows, String.format(Locale.ROOT, "| cycle latency p50 / p99 | %s | %s | %s | %.2f× | %.2f× |",
                emulatorCycle.latencies(), wiremockCycle.latencies(), bareCycle.latencies(),
                emulatorCycle.p(50) / wiremockCycle.p(50), emulatorCycle.p(50) / bareCycle.p(50)));
        row(rows, String.format(Locale.ROOT, "| RSS idle | %d MiB | %d MiB | %d MiB | %.2f× | %.2f× |",
                emulatorIdle, wiremockIdle, bareIdle, (double) emulatorIdle / wiremockIdle, (double) emulatorIdle / bareIdle));

        phase("finished calls");
        // 1,000,000 finished calls in all (warm-up and measured cycles count too), then RSS
        long done = emulatorCycle.count * (SECONDS + WARMUP_SECONDS) / SECONDS;
        long started = System.nanoTime();
        Load.runCount(FINISHED_CALLS - done, cycle);
        long afterMillion = emulator.rss();
        row(rows, String.format(Locale.ROOT, "| emulator RSS after %,d finished calls | %d MiB (%.0f s to run them) | | | | |",
                FINISHED_CALLS, afterMillion, (System.nanoTime() - started) / 1e9));

        phase("soak");
        // constant load for the soak, RSS sampled every 30 s
        List<Long> samples = new ArrayList<>();
        Load.run(SOAK_SECONDS, cycle, 30, () -> samples.add(emulator.rss()));
        samples.add(emulator.rss());
        row(rows, String.format(Locale.ROOT, "| emulator RSS over %d s of constant load (every 30 s) | min %d, max %d, last %d MiB | | | | |",
                SOAK_SECONDS, samples.stream().mapToLong(Long::longValue).min().orElse(0),
                samples.stream().mapToLong(Long::longValue).max().orElse(0), samples.get(samples.size() - 1)));
        emulator.stop();

        search(jar, rows);

        statistics(jar, rows);

        phase("done");
        System.out.println();
        System.out.println("| measure | emulator | WireMock 3.13.2 (static stub) | bare Vert.x route | emulator / WireMock | emulator / bare Vert.x |");
        System.out.println("|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    /** Prints each row as soon as it is measured, so a run that fails later still reports what it got. */
    /** One register → finish cycle on a new number each time, so every register makes a new call. */
    static Runnable cycle(String hook) {
        AtomicLong phone = new AtomicLong(79_000_000_000L);
        return () -> {
            String number = "+" + phone.incrementAndGet();
            String reg = post(hook + "telephony.externalcall.register", "{\"USER_ID\":2,\"PHONE_NUMBER\":\"" + number + "\",\"TYPE\":2}");
            String callId = reg.substring(reg.indexOf("externalCall."), reg.indexOf('"', reg.indexOf("externalCall.")));
            post(hook + "telephony.externalcall.finish", "{\"CALL_ID\":\"" + callId + "\",\"USER_ID\":2,\"DURATION\":5}");
        };
    }

    /**
     * searchCrmEntities over a seed of -DsearchEntities contacts, each with its own number, asked in another format
     * than stored (also alone: "bench/run.sh search [knobs]").
     */
    static void search(Path jar, List<String> rows) throws Exception {
        phase("search");
        Path seed = Files.createTempFile("b24-bench-seed", ".json");
        StringBuilder json = new StringBuilder("{\"users\":[{\"ID\":1,\"NAME\":\"Admin\",\"IS_ADMIN\":true,\"UF_PHONE_INNER\":\"100\"},"
                + "{\"ID\":2,\"NAME\":\"Operator\",\"UF_PHONE_INNER\":\"101\"}],\"contacts\":[");
        for (int i = 0; i < SEARCH_ENTITIES; i++) {
            json.append(i == 0 ? "" : ",").append("{\"NAME\":\"Client ").append(i).append("\",\"ASSIGNED_BY_ID\":2,\"PHONE\":[{\"VALUE\":\"+7920")
                    .append(String.format("%07d", i)).append("\"}]}");
        }
        Files.writeString(seed, json.append("]}"));
        // with the launcher's flags, as a user starts it: frozen CRM items (about 0.9 KB a contact) fit its 256 MiB
        Server searching = Server.start(port -> emulatorCommand(jar, port, "--seed", seed.toString()),
                port -> "http://127.0.0.1:" + port + "/rest/1/demo-token/user.current");
        String searchHook = "http://127.0.0.1:" + searching.port + "/rest/1/demo-token/telephony.externalCall.searchCrmEntities";
        Load search = Load.warmThenRun(SECONDS, () -> post(searchHook, "{\"PHONE_NUMBER\":\"8 920 " + String.format("%07d",
                ThreadLocalRandom.current().nextInt(SEARCH_ENTITIES)) + "\"}"));
        long searchRss = searching.rss();
        searching.stop();
        Files.delete(seed);
        row(rows, String.format(Locale.ROOT, "| searchCrmEntities/s with %,d contacts (p50 / p99) | %.0f (%s) | | | | |",
                SEARCH_ENTITIES, search.perSecond(), search.latencies()));
        row(rows, String.format(Locale.ROOT, "| emulator RSS with %,d contacts | %d MiB | | | | |", SEARCH_ENTITIES, searchRss));

    }

    /**
     * voximplant.statistic.get filtered over 100,000 finished calls of three users, two types and varied durations
     * (also alone: "bench/run.sh statistics [knobs]").
     */
    static void statistics(Path jar, List<String> rows) throws Exception {
        phase("statistics");
        Server history = Server.start(port -> emulatorCommand(jar, port, "--max-finished-calls", "" + STATISTIC_CALLS),
                port -> "http://127.0.0.1:" + port + "/rest/1/demo-token/user.current");
        String historyHook = "http://127.0.0.1:" + history.port + "/rest/1/demo-token/";
        long filled = System.nanoTime();
        Load.runCount(STATISTIC_CALLS, variedCycle(historyHook));
        double fillSeconds = (System.nanoTime() - filled) / 1e9;
        // user 2's answered incoming calls: a sixth of the history, read a random page at a time
        int pages = Math.max(1, STATISTIC_CALLS / 6 / 50);
        Load statistic = Load.warmThenRun(SECONDS, () -> post(historyHook + "voximplant.statistic.get",
                "{\"FILTER\":{\"PORTAL_USER_ID\":2,\"CALL_TYPE\":2,\">CALL_DURATION\":0},\"start\":"
                        + 50 * ThreadLocalRandom.current().nextInt(pages) + "}"));
        long historyRss = history.rss();
        history.stop();
        row(rows, String.format(Locale.ROOT, "| voximplant.statistic.get/s, a filtered page of %,d finished calls (p50 / p99) | %.0f (%s) | | | | |",
                STATISTIC_CALLS, statistic.perSecond(), statistic.latencies()));
        row(rows, String.format(Locale.ROOT, "| emulator RSS with %,d calls in the statistics | %d MiB (%.0f s to run them) | | | | |",
                STATISTIC_CALLS, historyRss, fillSeconds));
    }

    /**
     * The two costs of security round 2 (issue #17): a 1 MiB form body of repeated {@code a[]=} decoded (linear, stopped at
     * PHP's 1,000 variables) and answered, and the register → finish rate with {@code --fsync always} beside the default.
     */
    static void security(Path jar, List<String> rows) throws Exception {
        phase("1 MiB of a[]=");
        Server plain = Server.start(port -> emulatorCommand(jar, port), port -> "http://127.0.0.1:" + port + "/rest/1/demo-token/user.current");
        String body = "a[]=1&".repeat(1024 * 1024 / 6);
        URI user = URI.create("http://127.0.0.1:" + plain.port + "/rest/1/demo-token/user.current");
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            long started = System.nanoTime();
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(user).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (i >= 5) {
                millis.add((System.nanoTime() - started) / 1e6); // the first five warm the JIT
            }
            if (answer.statusCode() >= 500) {
                throw new IllegalStateException("1 MiB of a[]= answered " + answer.statusCode());
            }
        }
        java.util.Collections.sort(millis);
        row(rows, String.format(Locale.ROOT, "| 1 MiB form body of %,d `a[]=` pairs, decoded and answered (median / max of 20) | %.1f / %.1f ms | | | | |",
                body.length() / 6, millis.get(millis.size() / 2), millis.get(millis.size() - 1)));
        Load periodic = Load.warmThenRun(SECONDS, cycle("http://127.0.0.1:" + plain.port + "/rest/1/demo-token/"));
        plain.stop();

        phase("--fsync always");
        Path state = Files.createTempFile("b24-bench-state", ".json");
        Files.delete(state);
        Server durable = Server.start(port -> emulatorCommand(jar, port, "--state-file", state.toString(), "--fsync", "always"),
                port -> "http://127.0.0.1:" + port + "/rest/1/demo-token/user.current");
        Load always = Load.warmThenRun(SECONDS, cycle("http://127.0.0.1:" + durable.port + "/rest/1/demo-token/"));
        durable.stop();
        Files.deleteIfExists(state);
        row(rows, String.format(Locale.ROOT, "| register → finish cycles/s, default vs `--state-file --fsync always` (p50 / p99) | %.0f (%s) vs %.0f (%s): %.2f× | | | | |",
                periodic.perSecond(), periodic.latencies(), always.perSecond(), always.latencies(),
                always.perSecond() / periodic.perSecond()));
    }

    /** Register → finish cycles spread over users 1-3, types 1-2 and durations 0-299 s, for a history worth filtering. */
    static Runnable variedCycle(String hook) {
        AtomicLong n = new AtomicLong();
        return () -> {
            long i = n.incrementAndGet();
            String reg = post(hook + "telephony.externalcall.register", "{\"USER_ID\":" + (1 + i % 3) + ",\"PHONE_NUMBER\":\"+"
                    + (79_100_000_000L + i) + "\",\"TYPE\":" + (1 + i % 2) + ",\"SHOW\":0}");
            String callId = reg.substring(reg.indexOf("externalCall."), reg.indexOf('"', reg.indexOf("externalCall.")));
            post(hook + "telephony.externalcall.finish", "{\"CALL_ID\":\"" + callId + "\",\"USER_ID\":" + (1 + i % 3)
                    + ",\"DURATION\":" + (i * 7 % 300) + "}");
        };
    }

    /**
     * bench/run.sh profile: the emulator under the cycle load with Java Flight Recorder on, then the methods its
     * samples were in most (self), and the emulator's own methods that were on the stack most (inclusive).
     */
    static void profile() throws Exception {
        Path jar = Path.of("emulator/target/b24-emulator.jar");
        Path recording = Path.of("target/bench/emulator.jfr").toAbsolutePath();
        Files.deleteIfExists(recording);
        Server emulator = Server.start(port -> {
            List<String> command = emulatorCommand(jar, port);
            command.add(1, "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + recording);
            return command;
        }, port -> "http://127.0.0.1:" + port + "/rest/1/demo-token/user.current");
        Load load = Load.warmThenRun(SECONDS, cycle("http://127.0.0.1:" + emulator.port + "/rest/1/demo-token/"));
        System.out.printf(Locale.ROOT, "%.0f cycles/s under the recorder%n", load.perSecond());
        emulator.stop();
        java.util.Map<String, Integer> self = new java.util.HashMap<>();
        java.util.Map<String, Integer> inclusive = new java.util.HashMap<>();
        int samples = 0;
        for (var event : jdk.jfr.consumer.RecordingFile.readAllEvents(recording)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            samples++;
            var frames = event.getStackTrace().getFrames();
            if (!frames.isEmpty()) {
                self.merge(name(frames.get(0)), 1, Integer::sum);
            }
            frames.stream().map(Bench::name).filter(n -> n.startsWith("dev.b24emu") || n.contains("Logger")
                    || n.contains("networknt") || n.contains("jackson")).distinct()
                    .forEach(n -> inclusive.merge(n, 1, Integer::sum));
        }
        System.out.println(samples + " samples; top self:");
        top(self, samples);
        System.out.println("top inclusive (emulator, logging, JSON, schema):");
        top(inclusive, samples);
    }

    static String name(jdk.jfr.consumer.RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    static void top(java.util.Map<String, Integer> counts, int samples) {
        counts.entrySet().stream().sorted(java.util.Map.Entry.<String, Integer>comparingByValue().reversed()).limit(25)
                .forEach(e -> System.out.printf(Locale.ROOT, "  %5.1f%%  %s%n", 100.0 * e.getValue() / samples, e.getKey()));
    }

    static void row(List<String> rows, String row) {
        System.out.println(row);
        rows.add(row);
    }

    /** The emulator as users start it (bin/b24-emulator: its archive and flags); -DemulatorHeap=… gives plain java -Xmx…. */
    static List<String> emulatorCommand(Path jar, int port, String... extra) {
        if (EMULATOR_HEAP.isEmpty()) {
            List<String> command = launcherCommand(port);
            command.addAll(List.of(extra));
            return command;
        }
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx" + EMULATOR_HEAP));
        command.addAll(List.of("-jar", jar.toString(), "--port", "" + port, "--https-port", "-1"));
        command.addAll(List.of(extra));
        return command;
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Connection-level failures of the load generator (retried, and reported beside the figures). */
    static final AtomicLong TRANSPORT_ERRORS = new AtomicLong();

    /**
     * maps the innermost cause's message to how often it ended a request. The JDK 17 client's "header parser received
     * no bytes" caused by "Data received while in pool" is the client's own race (JDK-8357639, fixed in JDK 25): the
     * answer arrived but reached the pooled connection's clean-up subscriber, which closed the connection.
     */
    static final java.util.Map<String, AtomicLong> TRANSPORT_CAUSES = new java.util.concurrent.ConcurrentHashMap<>();

    static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    static String post(String url, String body) {
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (attempt > 1 && url.endsWith(".finish") && response.body().contains("Call is not found")) {
                    return response.body(); // the attempt whose answer was lost had finished it
                }
                if (response.statusCode() != 200 && response.statusCode() != 201) {
                    throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
                }
                return response.body();
            } catch (IOException e) {
                TRANSPORT_CAUSES.computeIfAbsent(rootCause(e), k -> new AtomicLong()).incrementAndGet();
                if (TRANSPORT_ERRORS.incrementAndGet() <= 5) {
                    System.err.println("transport error (retried) on " + url + ": " + e + ", root cause: " + rootCause(e));
                }
                if (attempt == 3) {
                    throw new IllegalStateException(e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    static void phase(String name) {
        System.out.printf("%tT %s (transport errors so far: %d %s)%n", System.currentTimeMillis(), name, TRANSPORT_ERRORS.get(),
                TRANSPORT_CAUSES);
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /**
     * Time to the first REST answer: plain java -jar, WireMock, the bare route and the launcher, started in turn, one
     * start each, five times (-DstartRounds), and the median of each server's starts. Alternated start by start: the
     * machine's speed moves by half within a minute, and five starts of one server followed by five of the next put
     * that drift into the ratios (0.94× and 1.15× in two runs minutes apart). The ratios to WireMock are also given
     * for each round alone (the two starts next to each other), as their lowest and highest.
     */
    static void startUp(Path wiremock, Path jar, List<String> rows) throws Exception {
        phase("start-up");
        String rest = "/rest/1/demo-token/user.current";
        List<IntFunction<List<String>>> commands = List.of(
                port -> List.of(java(), "-jar", jar.toString(), "--port", "" + port, "--https-port", "-1"),
                port -> List.of(java(), "-jar", wiremock.toString(), "--port", "" + port, "--disable-banner", "--root-dir",
                        WIREMOCK_ROOT),
                port -> List.of(java(), "-cp", jar.toString(), "bench/Bench.java", "bare-vertx", "" + port),
                Bench::launcherCommand);
        List<IntFunction<String>> probes = List.of(port -> "http://127.0.0.1:" + port + rest,
                port -> "http://127.0.0.1:" + port + "/__admin/health", port -> "http://127.0.0.1:" + port + "/",
                port -> "http://127.0.0.1:" + port + rest);
        int rounds = Integer.getInteger("startRounds", 5);
        double[][] seconds = new double[commands.size()][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int server = 0; server < commands.size(); server++) {
                long t0 = System.nanoTime();
                Server started = Server.start(commands.get(server), probes.get(server));
                seconds[server][round] = (started.readyAt - t0) / 1e9;
                started.stop();
            }
        }
        double emulatorStart = median(seconds[0]), wiremockStart = median(seconds[1]), bareStart = median(seconds[2]);
        double launcherStart = median(seconds[3]);
        row(rows, String.format(Locale.ROOT, "| start-up to first answer, plain java -jar (median of %d, alternated) | %.2f s |"
                + " %.2f s | %.2f s | %.2f× (rounds %s) | %.2f× |", rounds, emulatorStart, wiremockStart, bareStart,
                emulatorStart / wiremockStart, roundRatios(seconds[0], seconds[1]), emulatorStart / bareStart));
        row(rows, String.format(Locale.ROOT, "| start-up to first answer, bin/b24-emulator (median of %d, alternated) | %.2f s |"
                + " | | %.2f× (rounds %s) | %.2f× |", rounds, launcherStart, launcherStart / wiremockStart,
                roundRatios(seconds[3], seconds[1]), launcherStart / bareStart));
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    /** The lowest and highest ratio of one server's start to the other's in the same round, "0.91–1.04×". */
    static String roundRatios(double[] server, double[] against) {
        double low = Double.MAX_VALUE, high = 0;
        for (int round = 0; round < server.length; round++) {
            low = Math.min(low, server[round] / against[round]);
            high = Math.max(high, server[round] / against[round]);
        }
        return String.format(Locale.ROOT, "%.2f–%.2f×", low, high);
    }

    static List<String> launcherCommand(int port) {
        return new ArrayList<>(List.of("bin/b24-emulator", "--port", "" + port, "--https-port", "-1"));
    }

    /**
     * In-process starts as a JVM test suite makes them: Bitrix24Emulator.start and WireMockServer.start(), each server
     * in a fresh JVM of its own (whichever ran first in a shared JVM paid for the classes both use, Jackson's, and a
     * server's background work could slow the other's starts). Each JVM starts its server once, then -DlaterStarts
     * (7) more times, each stopped before the next, as test classes do; the later starts are given as a median with
     * their spread, since one start on two busy cores moves by a factor of two; so are the stops, which a suite pays
     * as often. The emulator's JVM also measures a fresh portal per test, by the embedding API and by the control API.
     */
    static void inProcess() throws Exception {
        List<String> rows = new ArrayList<>();
        // the first start, once per JVM, from -DfirstStarts (5) fresh JVMs of each server, alternated: one JVM's start
        // each moved by a fifth between runs minutes apart (1.03× and 0.77×)
        int firsts = Integer.getInteger("firstStarts", 5);
        double[] emulatorFirsts = new double[firsts + 1];
        double[] wiremockFirsts = new double[firsts + 1];
        for (int i = 0; i < firsts; i++) {
            emulatorFirsts[i] = Double.parseDouble(inProcessChild("emulator", true)[0]);
            wiremockFirsts[i] = Double.parseDouble(inProcessChild("wiremock", true)[0]);
        }
        String[] emulator = inProcessChild("emulator", false);
        String[] wiremock = inProcessChild("wiremock", false);
        emulatorFirsts[firsts] = Double.parseDouble(emulator[0]);
        wiremockFirsts[firsts] = Double.parseDouble(wiremock[0]);
        double e1 = median(emulatorFirsts), w1 = median(wiremockFirsts);
        double eLater = Double.parseDouble(emulator[1]), wLater = Double.parseDouble(wiremock[1]);
        row(rows, String.format(Locale.ROOT, "| in-process start, first in a fresh JVM (median of %d, alternated) | %.0f ms |"
                + " %.0f ms | | %.2f× (pairs %s) | |", firsts + 1, e1, w1, e1 / w1, roundRatios(emulatorFirsts, wiremockFirsts)));
        row(rows, String.format(Locale.ROOT, "| in-process start, second and later (median of %s; min–max) | %.0f ms (%s–%s) |"
                + " %.0f ms (%s–%s) | | %.2f× | |", emulator[4], eLater, emulator[2], emulator[3], wLater, wiremock[2],
                wiremock[3], eLater / wLater));
        row(rows, "| in-process start, second start alone | " + emulator[5] + " ms | " + wiremock[5] + " ms | | "
                + String.format(Locale.ROOT, "%.2f×", Double.parseDouble(emulator[5]) / Double.parseDouble(wiremock[5])) + " | |");
        row(rows, String.format(Locale.ROOT, "| in-process stop (close / stop; median of %s) | %s ms | %s ms | | %.2f× | |",
                emulator[4], emulator[9], wiremock[9], Double.parseDouble(emulator[9]) / Double.parseDouble(wiremock[9])));
        row(rows, String.format(Locale.ROOT, "| fresh portal per test, embedding API (p50 / p99 of %s) | %s | | | | |",
                emulator[6], emulator[7].replace('_', ' ')));
        row(rows, String.format(Locale.ROOT, "| fresh portal per test, control API over HTTP (p50 / p99 of %s) | %s | | | | |",
                emulator[6], emulator[8].replace('_', ' ')));
    }

    /**
     * Runs one server's in-process measurement in a fresh JVM and returns the fields of its RESULT line; with
     * {@code firstOnly} the JVM measures the first start alone (its RESULT line has that field only).
     */
    static String[] inProcessChild(String server, boolean firstOnly) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dportals=" + Integer.getInteger("portals", 2000), "-DlaterStarts=" + Integer.getInteger("laterStarts", 7),
                "-DfirstOnly=" + firstOnly,
                "-cp", System.getProperty("java.class.path"), "bench/Bench.java", "-", "inprocess-one", server));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        STARTED.add(process);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0 || !output.contains("RESULT ")) {
            throw new IllegalStateException("The " + server + " JVM failed:\n" + output);
        }
        String line = output.substring(output.lastIndexOf("RESULT ") + 7).strip().split("\n")[0];
        return line.split(" ");
    }

    /**
     * One server's starts in this JVM; prints "RESULT first laterMedian laterMin laterMax laterCount second", for
     * the emulator "portals embeddedP50/P99 controlP50/P99" (else three dashes), and the median stop.
     */
    static void inProcessOne(String server) throws Exception {
        if (Boolean.getBoolean("firstOnly")) {
            if (server.equals("emulator")) { // each timed as the loop below times it: the options made first
                dev.b24emu.emulator.EmulatorOptions options =
                        dev.b24emu.emulator.EmulatorOptions.builder().port(0).httpsPort(-1).build();
                long t0 = System.nanoTime();
                dev.b24emu.emulator.Bitrix24Emulator started = dev.b24emu.emulator.Bitrix24Emulator.start(options);
                double first = (System.nanoTime() - t0) / 1e6;
                started.close();
                System.out.printf(Locale.ROOT, "RESULT %.1f%n", first);
            } else {
                Class<?> config = Class.forName("com.github.tomakehurst.wiremock.core.WireMockConfiguration");
                Class<?> wireMock = Class.forName("com.github.tomakehurst.wiremock.WireMockServer");
                Object options = config.getMethod("dynamicPort").invoke(config.getMethod("options").invoke(null));
                long t0 = System.nanoTime();
                Object started = wireMock.getConstructor(Class.forName("com.github.tomakehurst.wiremock.core.Options"))
                        .newInstance(options);
                wireMock.getMethod("start").invoke(started);
                double first = (System.nanoTime() - t0) / 1e6;
                wireMock.getMethod("stop").invoke(started);
                System.out.printf(Locale.ROOT, "RESULT %.1f%n", first);
            }
            return;
        }
        int later = Integer.getInteger("laterStarts", 7);
        double[] millis = new double[1 + later];
        double[] stops = new double[later]; // each stop but the last server's, whose JVM measures portals after it
        StringBuilder portalsPart = new StringBuilder(" - - -");
        if (server.equals("emulator")) {
            dev.b24emu.emulator.EmulatorOptions options = dev.b24emu.emulator.EmulatorOptions.builder().port(0).httpsPort(-1).build();
            dev.b24emu.emulator.Bitrix24Emulator last = null;
            for (int i = 0; i < millis.length; i++) {
                long t0 = System.nanoTime();
                last = dev.b24emu.emulator.Bitrix24Emulator.start(options);
                millis[i] = (System.nanoTime() - t0) / 1e6;
                if (i < millis.length - 1) {
                    long s0 = System.nanoTime();
                    last.close();
                    stops[i] = (System.nanoTime() - s0) / 1e6;
                }
            }
            int portals = Integer.getInteger("portals", 2000);
            long[] embedded = new long[portals];
            for (int i = 0; i < portals; i++) {
                long t0 = System.nanoTime();
                dev.b24emu.emulator.TestPortal portal = last.controls().newPortal();
                embedded[i] = System.nanoTime() - t0;
                portal.delete();
            }
            long[] control = new long[portals];
            URI create = URI.create(last.baseUrl() + "/_emulator/portals");
            for (int i = 0; i < portals; i++) {
                long t0 = System.nanoTime();
                HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(create).POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
                control[i] = System.nanoTime() - t0;
                String id = created.body().replaceAll("(?s).*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
                HTTP.send(HttpRequest.newBuilder(URI.create(create + "/" + id)).DELETE().build(), HttpResponse.BodyHandlers.discarding());
            }
            last.close();
            portalsPart = new StringBuilder(" " + portals + " " + percentiles(embedded).replace(' ', '_') + " "
                    + percentiles(control).replace(' ', '_'));
        } else {
            Class<?> config = Class.forName("com.github.tomakehurst.wiremock.core.WireMockConfiguration");
            Class<?> server2 = Class.forName("com.github.tomakehurst.wiremock.WireMockServer");
            for (int i = 0; i < millis.length; i++) {
                Object options = config.getMethod("dynamicPort").invoke(config.getMethod("options").invoke(null));
                long t0 = System.nanoTime();
                Object wm = server2.getConstructor(Class.forName("com.github.tomakehurst.wiremock.core.Options")).newInstance(options);
                server2.getMethod("start").invoke(wm);
                millis[i] = (System.nanoTime() - t0) / 1e6;
                long s0 = System.nanoTime();
                server2.getMethod("stop").invoke(wm);
                if (i < later) {
                    stops[i] = (System.nanoTime() - s0) / 1e6;
                }
            }
        }
        double[] laterMillis = Arrays.copyOfRange(millis, 1, millis.length);
        Arrays.sort(laterMillis);
        Arrays.sort(stops);
        System.out.printf(Locale.ROOT, "RESULT %.1f %.1f %.0f %.0f %d %.0f%s %.1f%n", millis[0], laterMillis[laterMillis.length / 2],
                laterMillis[0], laterMillis[laterMillis.length - 1], later, millis[1], portalsPart, stops[stops.length / 2]);
    }

    /**
     * The Java load generator's lost answers, by root cause: -Dseconds of register → finish cycles against the
     * emulator (as the launcher starts it) and against the bare route, then every transport error's innermost cause.
     */
    static void transport(Path jar) throws Exception {
        Server emulator = Server.start(port -> emulatorCommand(jar, port), port -> "http://127.0.0.1:" + port + "/rest/1/demo-token/user.current");
        Load onEmulator = Load.warmThenRun(SECONDS, cycle("http://127.0.0.1:" + emulator.port + "/rest/1/demo-token/"));
        emulator.stop();
        System.out.printf("emulator: %d cycles (%d requests), transport errors %d %s%n", onEmulator.count, onEmulator.count * 2,
                TRANSPORT_ERRORS.get(), TRANSPORT_CAUSES);
        long before = TRANSPORT_ERRORS.get();
        Server bare = Server.start(port -> List.of(java(), "-cp", jar.toString(), "bench/Bench.java", "bare-vertx", "" + port),
                port -> "http://127.0.0.1:" + port + "/");
        String bareHook = "http://127.0.0.1:" + bare.port + "/rest/1/demo-token/";
        Load onBare = Load.warmThenRun(SECONDS, () -> {
            post(bareHook + "telephony.externalcall.register", "{}");
            post(bareHook + "telephony.externalcall.finish", "{}");
        });
        bare.stop();
        System.out.printf("bare route: %d cycles (%d requests), transport errors %d; all causes %s%n", onBare.count,
                onBare.count * 2, TRANSPORT_ERRORS.get() - before, TRANSPORT_CAUSES);
    }

    static String percentiles(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "%.3f / %.3f ms", sorted[sorted.length / 2] / 1e6, sorted[sorted.length * 99 / 100] / 1e6);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A server process started for the benchmark. */
    static final class Server {
        final Process process;
        final int port;
        final long readyAt;

        Server(Process process, int port, long readyAt) {
            this.process = process;
            this.port = port;
            this.readyAt = readyAt;
        }

        static Server start(IntFunction<List<String>> command, IntFunction<String> probe) throws Exception {
            int port = freePort();
            Path log = Files.createTempFile("b24-bench", ".log");
            Process process = new ProcessBuilder(command.apply(port)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            STARTED.add(process);
            URI uri = URI.create(probe.apply(port));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline) {
                try {
                    HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() == 200) {
                        return new Server(process, port, System.nanoTime());
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(5);
            }
            process.destroyForcibly();
            throw new IllegalStateException("Did not start: " + command.apply(port) + "\n" + Files.readString(log));
        }

        /** Resident memory in MiB, from /proc. */
        long rss() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return -1;
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** A fixed-concurrency closed-loop load: iterations per second and per-iteration latency. */
    static final class Load {
        long count;
        double seconds;
        long[] nanos;

        static Load run(int seconds, Runnable iteration) throws Exception {
            return run(seconds, iteration, 0, null);
        }

        /** Warms the server up (unmeasured), then measures. */
        static Load warmThenRun(int seconds, Runnable iteration) throws Exception {
            run(WARMUP_SECONDS, iteration, 0, null);
            return run(seconds, iteration, 0, null);
        }

        static Load run(int seconds, Runnable iteration, int sampleEverySeconds, Runnable sampler) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            return drive(() -> System.nanoTime() < deadline, iteration, sampleEverySeconds, sampler);
        }

        static Load runCount(long iterations, Runnable iteration) throws Exception {
            AtomicLong left = new AtomicLong(iterations);
            return drive(() -> left.getAndDecrement() > 0, iteration, 0, null);
        }

        private static Load drive(java.util.function.BooleanSupplier more, Runnable iteration, int sampleEverySeconds,
                                  Runnable sampler) throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
            List<Future<long[]>> workers = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int i = 0; i < CONCURRENCY; i++) {
                workers.add(pool.submit(() -> {
                    long[] samples = new long[1 << 16];
                    int n = 0;
                    long seen = 0;
                    while (more.getAsBoolean()) {
                        long start = System.nanoTime();
                        iteration.run();
                        samples[n] = System.nanoTime() - start;
                        n = (n + 1) % samples.length;
                        seen++;
                    }
                    long[] kept = Arrays.copyOf(samples, (int) Math.min(seen, samples.length));
                    long[] result = Arrays.copyOf(kept, kept.length + 1);
                    result[kept.length] = seen;
                    return result;
                }));
            }
            if (sampler != null) {
                while (workers.stream().anyMatch(f -> !f.isDone())) {
                    Thread.sleep(sampleEverySeconds * 1000L);
                    sampler.run();
                }
            }
            Load load = new Load();
            List<long[]> all = new ArrayList<>();
            for (Future<long[]> f : workers) {
                long[] r = f.get();
                load.count += r[r.length - 1];
                all.add(Arrays.copyOf(r, r.length - 1));
            }
            load.seconds = (System.nanoTime() - t0) / 1e9;
            load.nanos = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            pool.shutdown();
            return load;
        }

        double perSecond() {
            return count / seconds;
        }

        double p(int percentile) {
            return nanos.length == 0 ? 0 : nanos[Math.min(nanos.length - 1, (int) (nanos.length * percentile / 100.0))] / 1e6;
        }

        String latencies() {
            return String.format(Locale.ROOT, "%.2f / %.2f ms", p(50), p(99));
        }
    }

    static void bareVertx(int port) {
        io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
        byte[] body = REGISTER_BODY.getBytes(StandardCharsets.UTF_8);
        int instances = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < instances; i++) {
            // a Buffer per response: one shared by responses on two event loops now and then went out empty
            vertx.createHttpServer().requestHandler(request -> request.body().onComplete(ignored ->
                    request.response().putHeader("Content-Type", "application/json; charset=utf-8")
                            .end(io.vertx.core.buffer.Buffer.buffer(body)))).listen(port, "127.0.0.1");
        }
    }
}
