package org.jianqun.launcher;

import org.jianqun.core.config.ConfigException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code jianqun}: the one jar's entry point. {@code run} starts the platform (all roles by default),
 * {@code import} loads a CSV from the shell, {@code audit verify} checks the audit trail,
 * {@code holidays load} loads a year's holiday notice, {@code keys rotate} re-seals identities under a new data key.
 * Exit codes: 0 fine, 1 refused input or a broken audit trail, 2 bad usage or configuration.
 */
@Command(name = "jianqun", mixinStandardHelpOptions = true, version = "jianqun 0.1.0",
        description = "The village supervision platform (监群).",
        subcommands = {RunCommand.class, ImportCommand.class, AuditCommand.class, HolidaysCommand.class, KeysCommand.class})
public final class JianqunCommand implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.err);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    static int execute(String... args) {
        CommandLine cli = new CommandLine(new JianqunCommand());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ConfigException || e instanceof IllegalArgumentException) {
                System.err.println("jianqun: " + e.getMessage());
                return 2;
            }
            // Anything else: the whole story in the log, one line for the person at the terminal.
            LoggerFactory.getLogger(JianqunCommand.class).error("jianqun {} failed", commandLine.getCommandName(), e);
            System.err.println("jianqun: " + commandLine.getCommandName() + " failed: " + Platform.rootMessage(e).lines().findFirst().orElse(""));
            return 1;
        });
        return cli.execute(args);
    }
}
