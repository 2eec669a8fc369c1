package dev.b24emu.emulator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * {@code health}: asks a running emulator whether it serves, for container health checks (a scratch image has no
 * shell and no curl) and scripts that wait for start-up. Exit 0 when it answers UP, 1 otherwise.
 */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = "Checks that a running emulator serves: exit 0 when /_emulator/health answers UP, 1 otherwise.")
final class HealthCommand extends RemoteCommand {
    HealthCommand(EnvironmentDefaults environment) {
        super(environment);
    }

    @Override
    int run(PrintWriter out, PrintWriter err) throws ControlConnection.Unreachable, ControlConnection.Refused {
        JsonNode health = connection.get("/_emulator/health");
        boolean up = "UP".equals(health.path("status").asText());
        (up ? out : err).println(health.path("status").asText() + ": " + health.path("portals").asInt()
                + " portal(s), " + health.path("connections").path("open").asInt() + " of "
                + health.path("connections").path("max").asInt() + " connections open ("
                + health.path("connections").path("transport").asText("?") + "), up "
                + health.path("uptimeSeconds").asLong() + " s at " + connection.baseUrl());
        return up ? CommandLine.ExitCode.OK : 1;
    }

    @Override
    int refused(ControlConnection.Refused e, PrintWriter err) {
        err.println("DOWN: " + e.getMessage());
        return 1;
    }

    @Override
    int unreachable(ControlConnection.Unreachable e, PrintWriter err) {
        err.println("DOWN: " + e.getMessage());
        return 1;
    }
}
