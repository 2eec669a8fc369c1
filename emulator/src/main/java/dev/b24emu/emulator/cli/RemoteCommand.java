package dev.b24emu.emulator.cli;

import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * A subcommand that talks to a running emulator over its control API. Exit codes: what {@link #run} answers; 2 when
 * the emulator refuses the request (its reason printed) or the command's --url or token file cannot be used, 3 when
 * it cannot be reached.
 */
abstract class RemoteCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ControlConnection connection;

    private final EnvironmentDefaults environment;

    RemoteCommand(EnvironmentDefaults environment) {
        this.environment = environment;
    }

    @Override
    public final Integer call() {
        connection.environment(environment);
        PrintWriter err = spec.commandLine().getErr();
        try {
            return run(spec.commandLine().getOut(), err);
        } catch (ControlConnection.Refused e) {
            return refused(e, err);
        } catch (ControlConnection.Unreachable e) {
            return unreachable(e, err);
        }
    }

    /** The command's work; answers its exit code. */
    abstract int run(PrintWriter out, PrintWriter err) throws ControlConnection.Unreachable, ControlConnection.Refused;

    int refused(ControlConnection.Refused e, PrintWriter err) {
        err.println("The emulator refused: " + e.getMessage());
        return CommandLine.ExitCode.USAGE;
    }

    int unreachable(ControlConnection.Unreachable e, PrintWriter err) {
        err.println(e.getMessage());
        return e instanceof ControlConnection.BadOption ? CommandLine.ExitCode.USAGE : 3;
    }
}
