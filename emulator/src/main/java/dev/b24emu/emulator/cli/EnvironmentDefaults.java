package dev.b24emu.emulator.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Every option of every command also read from the environment, as containers and CI services are configured:
 * {@code --state-file} is {@code B24_EMULATOR_STATE_FILE}, {@code --control-token} is
 * {@code B24_EMULATOR_CONTROL_TOKEN}. The command line wins over the environment, which wins over the built-in
 * default; a repeatable option takes a comma-separated list. Each command's {@code --help} lists its variables.
 */
final class EnvironmentDefaults implements CommandLine.IDefaultValueProvider {
    static final String PREFIX = "B24_EMULATOR_";

    private final UnaryOperator<String> environment;

    /** @param environment reads a variable (System::getenv; tests pass a map's get) */
    EnvironmentDefaults(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    /** The variable of an option: {@code --tls-dir} is B24_EMULATOR_TLS_DIR. */
    static String variable(OptionSpec option) {
        return PREFIX + option.longestName().replaceFirst("^-+", "").replace('-', '_').toUpperCase(Locale.ROOT);
    }

    /** The value of a variable, or null when it is unset or empty. */
    String get(String variable) {
        String value = environment.apply(variable);
        return value == null || value.isEmpty() ? null : value;
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
            return null;
        }
        return get(variable(option));
    }

    /** Installs itself on a command and its subcommands, and lists each command's variables under its --help. */
    /** @param withHelp whether the usage help lists the variables (only built when help may be printed) */
    void install(CommandLine commandLine, boolean withHelp) {
        commandLine.setDefaultValueProvider(this);
        CommandLine.IParameterExceptionHandler standard = commandLine.getParameterExceptionHandler();
        commandLine.setParameterExceptionHandler((bad, args) -> badValue(bad, args, standard));
        if (withHelp) {
            describe(commandLine);
        }
    }

    /**
     * A bad value: picocli names the option and, in the usage it prints, shows the bad value as the default. When the
     * value came from the environment (the option is not on the command line), the variable is named instead, and only
     * a pointer to --help follows.
     */
    private int badValue(CommandLine.ParameterException bad, String[] args, CommandLine.IParameterExceptionHandler standard)
            throws Exception {
        CommandLine command = bad.getCommandLine();
        if (bad.getArgSpec() instanceof OptionSpec option && get(variable(option)) != null && !given(option, args)) {
            command.getErr().println(variable(option) + "=" + get(variable(option)) + " is not a valid value of "
                    + option.longestName() + ": " + bad.getMessage());
            command.getErr().println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
            return command.getCommandSpec().exitCodeOnInvalidInput();
        }
        return standard.handleParseException(bad, args);
    }

    private static boolean given(OptionSpec option, String[] args) {
        for (String arg : args) {
            for (String name : option.names()) {
                if (arg.equals(name) || arg.startsWith(name + "=")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void describe(CommandLine commandLine) {
        CommandSpec spec = commandLine.getCommandSpec();
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add("Environment (the command line wins):");
        for (OptionSpec option : spec.options()) {
            if (!option.usageHelp() && !option.versionHelp() && !option.hidden()) { // a build's option stays unlisted
                lines.add(String.format("  %-34s %s", variable(option), option.longestName()));
            }
        }
        List<String> footer = new ArrayList<>(List.of(spec.usageMessage().footer()));
        footer.addAll(lines);
        spec.usageMessage().footer(footer.toArray(String[]::new));
        commandLine.getSubcommands().values().forEach(EnvironmentDefaults::describe);
    }
}
