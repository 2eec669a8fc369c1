package dev.b24emu.emulator.cli;

import dev.b24emu.emulator.Bitrix24Emulator;
import dev.b24emu.emulator.EmulatorOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;

/**
 * {@code java -jar b24-emulator.jar}: starts the emulator with its demo portal and prints the webhook URL; its
 * subcommands talk to a running one ({@code health}, {@code trigger}, {@code tail}). Every option can also be set
 * from the environment ({@link EnvironmentDefaults}), as a container is configured.
 */
@Command(name = "b24-emulator", version = "b24-emulator 0.1.0",
        description = "A local, stateful Bitrix24 REST emulator for telephony integrations.",
        footer = {"", "Commands for a running emulator: health, trigger EVENT --to URL, tail (each with --help)."})
public final class Main implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    // picocli's mixinStandardHelpOptions is an annotated class of its own, read reflectively at every start (22-26 ms
    // of building the command line, on the launcher's way to its first answer). The same two options, declared here.
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean helpRequested;

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "Print version information and exit.")
    boolean versionRequested;

    @Option(names = "--port", description = "HTTP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port = 8080;

    @Option(names = "--host", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host = "127.0.0.1";

    @Option(names = "--webhook-token", description = "The default portal's webhook token (default: demo-token on a"
            + " loopback address; beyond loopback a random one, printed, so a well-known secret never answers from the network).")
    String webhookToken;

    @Option(names = "--fsync", paramLabel = "always|periodic", description = "With --state-file: 'always' saves every"
            + " acknowledged change before answering it (nothing acknowledged is lost on a crash, at a cost per write);"
            + " 'periodic' saves every --state-save-seconds and at shutdown (default: ${DEFAULT-VALUE}).")
    String fsync = "periodic";

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", description = "Close a keep-alive connection after this long without a request (default: ${DEFAULT-VALUE}, as nginx).")
    int idleTimeout = 75;

    @Option(names = "--header-timeout", paramLabel = "SECONDS", description = "Close a new connection that has not sent its request headers within this long (default: ${DEFAULT-VALUE}, as nginx).")
    int headerTimeout = 60;

    @Option(names = "--max-connections", paramLabel = "COUNT", description = "Connections open at once, fewer if the file descriptor limit leaves less room; past it a new connection closes the longest idle one (default: ${DEFAULT-VALUE}).")
    int maxConnections = 10_000;

    @Option(names = "--webhook-user", description = "The user the default webhook acts as (default: the seed's first user, 1 in the demo seed).")
    Long webhookUser;

    @Option(names = "--seed", paramLabel = "FILE", description = "JSON seed of the default portal (users, CRM, settings) instead of the demo data.")
    Path seed;

    @Option(names = "--https-port", description = "HTTPS port beside HTTP; 0 picks a free one, -1 turns HTTPS off (default: ${DEFAULT-VALUE}).")
    int httpsPort = 8443;

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "Certificate for HTTPS (default: a self-signed one for localhost and 127.0.0.1).")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "Private key of --tls-cert.")
    Path tlsKey;

    @Option(names = "--proxy-port", description = "Start a proxy on this port answering, as Bitrix24, for oauth.bitrix.info"
            + " and the portals' domains (for HTTPS_PROXY / HTTP_PROXY); 0 picks a free one, -1 starts none (default: ${DEFAULT-VALUE}).")
    int proxyPort = -1;

    @Option(names = "--tls-dir", paramLabel = "DIR", description = "Where the self-signed certificate is made and kept (default: ~/.b24-emulator/tls).")
    Path tlsDir = EmulatorOptions.defaultTlsDir();

    @Option(names = "--state-file", paramLabel = "FILE", description = "Load every portal's state from FILE at start; save it there every 30 s and at shutdown.")
    Path stateFile;

    @Option(names = "--state-save-seconds", description = "How often --state-file is saved (default: ${DEFAULT-VALUE}).")
    int stateSaveSeconds = 30;

    @Option(names = "--control-token", description = "Token the control API and dashboard require (on a loopback address only when given; elsewhere a random one, printed, when not).")
    String controlToken;

    @Option(names = "--control-token-file", paramLabel = "FILE", description = "Write the control token there at start (owner-only), for the health, trigger and tail commands and scripts; nothing is written on loopback without --control-token, where no token is needed.")
    Path controlTokenFile;

    @Option(names = "--url-file", paramLabel = "FILE", description = "Write the emulator's address (http://127.0.0.1:<port>) there at start, for the health, trigger and tail commands: the container image's health check finds the port given as an argument too.")
    Path urlFile;

    @Option(names = "--journal-size", description = "REST calls kept per portal in the request journal (default: ${DEFAULT-VALUE}).")
    int journalSize = 1000;

    @Option(names = "--max-finished-calls", description = "Finished calls kept per portal (default: ${DEFAULT-VALUE}).")
    int finishedCalls = 10_000;

    @Option(names = "--max-open-calls", description = "Open (registered, unfinished) calls kept per portal, and built-in"
            + " calls (callbacks, infocalls) running; past it each new call drops the oldest, so calls never finished cannot fill the memory (default: ${DEFAULT-VALUE}).")
    int openCalls = 20_000;

    @Option(names = "--max-call-megabytes", description = "What the texts clients gave a portal's kept calls may"
            + " weigh (phone numbers, IDs, reasons, record names and URLs, transcripts, at two bytes a character); past"
            + " it the oldest finished calls go, then the oldest open ones, so calls carrying megabytes of text cannot"
            + " fill the memory (default: ${DEFAULT-VALUE}).")
    int callMegabytes = 64;

    @Option(names = "--max-crm-objects", description = "CRM objects of each kind (leads, deals, contacts, companies,"
            + " activities, comments, call lists) made while a portal runs that it keeps; past it each new one drops"
            + " the oldest of its kind, so a call load that creates leads and activities cannot fill the memory."
            + " Seeded objects are always kept (default: ${DEFAULT-VALUE}).")
    int crmObjects = 20_000;

    @Option(names = "--max-crm-megabytes", description = "What the CRM objects a portal made while it runs may weigh"
            + " together (their text at two bytes a character); past it the objects written least recently go, of any"
            + " kind, so a client writing large texts into leads cannot fill the memory (default: ${DEFAULT-VALUE}).")
    int crmMegabytes = 64;

    @Option(names = "--max-config-objects", description = "Configuration objects of each kind (external lines, event"
            + " handlers, placement handlers and event subscriptions, users, SIP connections; through the control API also"
            + " faults, outgoing webhooks, rented numbers, CRM exclusions, applications) a portal holds, with 8 K"
            + " characters of text each on average; an add past it is refused with ERROR_CORE, so a client adding them in a loop cannot fill the memory"
            + " (default: ${DEFAULT-VALUE}).")
    int configObjects = 1000;

    @Option(names = "--max-tokens", description = "OAuth access tokens, refresh tokens and authorization codes (each)"
            + " a portal keeps; past it each new one forgets the oldest issued of its kind, which is then answered as"
            + " a token never issued, so an application renewing its tokens in a loop cannot fill the memory"
            + " (default: ${DEFAULT-VALUE}).")
    int tokens = 10_000;

    @Option(names = "--max-portals", description = "Portals made while the emulator runs (control API) that it keeps;"
            + " past it each new one deletes the one used least recently, so a suite that never deletes its portals"
            + " cannot fill the memory. The default portal is always kept (default: ${DEFAULT-VALUE}).")
    int maxPortals = 1000;

    @Option(names = "--heap-guard", description = "Past this percentage of the heap in use after a full collection,"
            + " the portals made while the emulator runs that were used least recently are deleted, a quarter at a"
            + " time, so that load spread over many portals cannot fill the memory; 0 never deletes"
            + " (default: ${DEFAULT-VALUE}).")
    int heapGuard = 75;

    @Option(names = "--body-limit", description = "Largest accepted request body in bytes (default: ${DEFAULT-VALUE}).")
    long bodyLimit = 8L * 1024 * 1024;

    @Option(names = "--validation", description = "How requests are held to the contract: warn (answer as the real server, report deviations), strict (refuse them) or off (default: ${DEFAULT-VALUE}).")
    String validation = "warn";

    @Option(names = "--allowed-host", paramLabel = "HOST", split = ",", description = "A further host name the control API answers to (repeatable, or comma-separated).")
    java.util.List<String> allowedHosts = new java.util.ArrayList<>();

    @Option(names = "--allowed-origin", paramLabel = "ORIGIN", split = ",", description = "A further origin (scheme://host:port) whose pages may drive the control API and use the demo webhook token (repeatable, or comma-separated).")
    java.util.List<String> allowedOrigins = new java.util.ArrayList<>();

    @Option(names = "--exit-after-warm-up", hidden = true, description = "Send the started emulator a user's first"
            + " requests, then stop (records the launcher's class-data sharing archive at package time).")
    boolean exitAfterWarmUp;

    /**
     * A system property naming the process this one stops with: set by {@code EmulatorProcess}, so that an emulator
     * started by a test run that is cut short (kill -9, a build's timeout, Ctrl-C on Maven) does not outlive it. One
     * left behind kept its port and memory, and one whose heap had run out spun both cores in full collections.
     */
    public static final String EXIT_WITH_PROCESS = "b24emu.exitWithProcess";

    /** Stops as SIGTERM would once that process is gone, and for good 10 s later if stopping hangs (a heap run out). */
    private static void exitWith(long pid) {
        Runnable stop = () -> exit(0, 1);
        ProcessHandle.of(pid).ifPresentOrElse(process -> process.onExit().thenRun(stop), stop);
    }

    /** Exits with {@code status} as SIGTERM would (state saved, ports closed), and halts with another 10 s later. */
    private static void exit(int status, int haltStatus) {
        Thread halt = new Thread(() -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException ignored) {
                // halted anyway
            }
            Runtime.getRuntime().halt(haltStatus);
        }, "b24emu-halt");
        halt.setDaemon(true);
        halt.start();
        System.exit(status);
    }

    /**
     * Netty lets an Error out of an event loop's or the acceptor's run loop, and the thread ends: a heap run out there
     * left a process that took connections no thread would answer, health timing out, until someone killed it. The
     * command line's server stops instead, with status 3 and one line saying why, so that a container's restart policy
     * or a CI job sees it; another thread's death is reported as the JVM reports it.
     */
    static void threadDied(Thread thread, Throwable cause) {
        if (!servesConnections(thread.getName())) {
            System.err.print("Exception in thread \"" + thread.getName() + "\" ");
            cause.printStackTrace();
            return;
        }
        System.err.println("b24-emulator: " + thread.getName() + " died of " + cause
                + "; the server cannot answer on it, so it stops (status 3)");
        exit(3, 3);
    }

    /** Whether a thread is one the server's connections need: an event loop or the acceptor. */
    static boolean servesConnections(String threadName) {
        return threadName.startsWith("vert.x-eventloop-thread-") || threadName.startsWith("vert.x-acceptor-thread-");
    }

    public static void main(String[] args) {
        if (System.getProperty("slf4j.provider") == null) {
            // the command line's own backend, cheaper per line than slf4j-simple (see ServerLog); SLF4J would say
            // at INFO that it loads a named provider
            System.setProperty("slf4j.provider", ServerLog.class.getName());
            if (System.getProperty("slf4j.internal.verbosity") == null) {
                System.setProperty("slf4j.internal.verbosity", "WARN");
            }
        }
        System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
        if (System.getProperty("io.netty.jfr.enabled") == null) {
            // Netty 4.2 would define its flight-recorder events (a hundred JDK classes) before the first answer
            System.setProperty("io.netty.jfr.enabled", "false");
        }
        String owner = System.getProperty(EXIT_WITH_PROCESS);
        if (owner != null) {
            exitWith(Long.parseLong(owner));
        }
        Thread.setDefaultUncaughtExceptionHandler(Main::threadDied);
        boolean serving = SUBCOMMANDS.stream().noneMatch(java.util.Arrays.asList(args)::contains);
        boolean help = java.util.Arrays.stream(args).anyMatch(arg -> arg.startsWith("-h") || arg.equals("--help")
                || arg.startsWith("-V") || arg.equals("--version"));
        if (serving && !help) {
            Bitrix24Emulator.prepare(); // Vert.x starts while picocli reads the command line
        }
        int code = commandLine(System::getenv, !serving || help).execute(args);
        ServerLog.flush();
        if (code != 0) {
            System.exit(code);
        }
    }

    private static final java.util.List<String> SUBCOMMANDS = java.util.List.of("health", "trigger", "tail");

    /**
     * B24_EMULATOR_* variables the server does not read but others do: the options of health, trigger and tail, and
     * the settings of the scripts around it (ci-recipes/start-emulator.sh, bin/b24-emulator's jar; keytool's password,
     * set for its process).
     */
    static final java.util.Set<String> OTHER_VARIABLES = java.util.Set.of("URL", "TO", "PORTAL", "DATA", "APP", "USER",
            "FORGED", "METHOD", "DELIVERIES", "LINES", "IMAGE", "NAME", "NETWORK", "CERT", "KEYSTORE_PASSWORD", "JAR");

    /**
     * A line for each B24_EMULATOR_* variable no option has: a misspelt one was ignored without a word, and the
     * container ran on its defaults (audit 60b).
     */
    static java.util.List<String> unknownVariables(java.util.Map<String, String> environment, CommandSpec server) {
        java.util.Set<String> known = new java.util.TreeSet<>();
        server.options().forEach(option -> known.add(EnvironmentDefaults.variable(option)));
        OTHER_VARIABLES.forEach(name -> known.add(EnvironmentDefaults.PREFIX + name));
        return environment.keySet().stream().filter(name -> name.startsWith(EnvironmentDefaults.PREFIX))
                .filter(name -> !known.contains(name)).sorted().map(name -> {
                    String near = dev.b24emu.specs.Spelling.nearest(name, known, 3);
                    return name + " is set, but no option of the emulator is read from it"
                            + (near == null ? "" : " (did you mean " + near + "?)") + "; --help lists the variables";
                }).toList();
    }

    /** The command line with its subcommands, every option also read from this environment. */
    static CommandLine commandLine(UnaryOperator<String> environment) {
        return commandLine(environment, true);
    }

    /**
     * Without subcommands and the help's environment table when no argument names a subcommand nor asks for help:
     * picocli reads each command's annotations when it is added, a tenth of a second of a server's start spent on
     * commands it will not run.
     */
    static CommandLine commandLine(UnaryOperator<String> environment, boolean withSubcommands) {
        EnvironmentDefaults defaults = new EnvironmentDefaults(environment);
        CommandLine cli = new CommandLine(new Main());
        if (withSubcommands) {
            cli.addSubcommand(SUBCOMMANDS.get(0), new HealthCommand(defaults));
            cli.addSubcommand(SUBCOMMANDS.get(1), new TriggerCommand(defaults));
            cli.addSubcommand(SUBCOMMANDS.get(2), new TailCommand(defaults));
        }
        defaults.install(cli, withSubcommands);
        return cli;
    }

    @Override
    public Integer call() throws InterruptedException, IOException {
        PrintWriter err = spec.commandLine().getErr();
        unknownVariables(System.getenv(), spec).forEach(err::println);
        if (port < 0 || port > 65535) {
            err.println("--port must be between 0 and 65535");
            return CommandLine.ExitCode.USAGE;
        }
        if (httpsPort < -1 || httpsPort > 65535) {
            err.println("--https-port must be between -1 and 65535");
            return CommandLine.ExitCode.USAGE;
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            err.println("--tls-cert and --tls-key go together");
            return CommandLine.ExitCode.USAGE;
        }
        if (stateSaveSeconds < 1) {
            err.println("--state-save-seconds must be at least 1");
            return CommandLine.ExitCode.USAGE;
        }
        if (journalSize < 0 || finishedCalls < 1 || openCalls < 1 || callMegabytes < 1 || crmObjects < 1 || crmMegabytes < 1 || configObjects < 1 || tokens < 1 || maxPortals < 1 || bodyLimit < 1024 || heapGuard < 0 || heapGuard > 100) {
            err.println("--journal-size must be >= 0, --max-finished-calls, --max-open-calls, --max-call-megabytes, --max-crm-objects, --max-crm-megabytes, --max-config-objects, --max-tokens and --max-portals >= 1, --body-limit >= 1024, and --heap-guard 0 to 100");
            return CommandLine.ExitCode.USAGE;
        }
        if (!fsync.equals("always") && !fsync.equals("periodic")) {
            err.println("--fsync must be always or periodic");
            return CommandLine.ExitCode.USAGE;
        }
        if (idleTimeout < 1 || headerTimeout < 1 || maxConnections < 1) {
            err.println("--idle-timeout and --header-timeout must be at least 1 second, --max-connections at least 1");
            return CommandLine.ExitCode.USAGE;
        }
        if (!java.util.Set.of("warn", "strict", "off").contains(validation)) {
            err.println("--validation must be warn, strict or off");
            return CommandLine.ExitCode.USAGE;
        }
        if (proxyPort < -1 || proxyPort > 65535) {
            err.println("--proxy-port must be between -1 and 65535");
            return CommandLine.ExitCode.USAGE;
        }
        if (seed != null && !Files.isReadable(seed)) {
            err.println("Cannot read seed file " + seed);
            return CommandLine.ExitCode.USAGE;
        }
        EmulatorOptions.Builder options = EmulatorOptions.builder().host(host).port(port).webhookToken(webhookToken)
                .seed(seed).journalSize(journalSize).finishedCalls(finishedCalls).openCalls(openCalls).callMegabytes(callMegabytes).crmObjects(crmObjects).crmMegabytes(crmMegabytes).configObjects(configObjects).maxTokens(tokens).maxPortals(maxPortals).heapGuardPercent(heapGuard)
                .bodyLimit(bodyLimit).httpsPort(httpsPort).proxyPort(proxyPort).tls(tlsCert, tlsKey).tlsDir(tlsDir).stateFile(stateFile)
                .controlToken(controlToken).stateSaveSeconds(stateSaveSeconds).validation(validation)
                .idleTimeoutSeconds(idleTimeout).headerTimeoutSeconds(headerTimeout).maxConnections(maxConnections)
                .fsyncAlways(fsync.equals("always"));
        allowedHosts.forEach(options::allowedHost);
        allowedOrigins.forEach(options::allowedOrigin);
        if (webhookUser != null) {
            options.webhookUserId(webhookUser);
        }
        Bitrix24Emulator emulator;
        try {
            emulator = Bitrix24Emulator.start(options.build());
        } catch (IllegalArgumentException e) {
            err.println("Cannot start: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        } catch (IllegalStateException e) {
            err.println("Cannot start: " + e.getMessage()); // names the listener: HTTP, HTTPS or proxy port
            return CommandLine.ExitCode.SOFTWARE;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                if (urlFile != null) {
                    Files.deleteIfExists(urlFile); // no address of a server that is gone for health to ask
                }
            } catch (IOException ignored) {
                // left behind: health then finds nothing there
            }
            try {
                emulator.close();
            } catch (java.io.UncheckedIOException unsaved) { // one line, not a stack trace (audit 60b)
                err.println("Cannot save the state at stop: " + unsaved.getMessage() + ": " + unsaved.getCause());
            }
            ServerLog.flush();
            stopped.countDown();
        }, "b24-emulator-shutdown"));
        // before the banner, which scripts wait for before they read the file
        if (controlTokenFile != null && emulator.controlToken() != null) {
            writeOwnerOnly(controlTokenFile, emulator.controlToken());
        }
        if (urlFile != null) {
            try {
                Files.writeString(urlFile, emulator.baseUrl());
            } catch (IOException e) {
                spec.commandLine().getErr().println("Cannot write the emulator's address to " + urlFile + ": " + e);
            }
        }
        System.out.println("Bitrix24 telephony emulator on " + emulator.baseUrl());
        System.out.println("Webhook URL (portal 'default'): " + emulator.webhookUrl());
        if (emulator.httpsPort() >= 0) {
            System.out.println("HTTPS webhook URL: " + emulator.httpsWebhookUrl() + " (trust " + emulator.trustedCertificate() + ")");
        }
        if (emulator.proxyPort() >= 0) {
            System.out.println("Proxy for Bitrix24's hosts: HTTPS_PROXY=http://127.0.0.1:" + emulator.proxyPort()
                    + " (trust the local CA " + emulator.caCertificate() + "); the default portal is https://"
                    + emulator.controls().defaultPortal().domain() + ", the authorization server https://oauth.bitrix.info");
        }
        System.out.println("Control API: " + emulator.baseUrl() + "/_emulator/health"
                + (emulator.controlToken() == null ? "" : " (token required: " + emulator.controlToken() + ")"));
        System.out.println("Dashboard: " + emulator.baseUrl() + "/_emulator/ui/"
                + (emulator.controlToken() == null ? "" : "?token=" + emulator.controlToken()));
        System.out.flush();
        if (exitAfterWarmUp) {
            int answered = WarmUp.run(emulator);
            emulator.close();
            System.out.println("Warm-up: " + answered + " requests answered");
            return CommandLine.ExitCode.OK;
        }
        stopped.await();
        return CommandLine.ExitCode.OK;
    }

    /** A secret in a file only its owner reads (where the file system has owners); a failure is a warning. */
    private void writeOwnerOnly(Path file, String secret) {
        try {
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException noPosix) {
                Files.createFile(file);
            }
            Files.writeString(file, secret);
        } catch (IOException e) {
            spec.commandLine().getErr().println("Cannot write the control token to " + file + ": " + e.getMessage());
        }
    }
}
