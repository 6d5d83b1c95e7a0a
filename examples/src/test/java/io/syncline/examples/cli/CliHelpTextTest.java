package io.syncline.examples.cli;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.PrintStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * picocli formats every description with {@link String#format}: a bare {@code %} makes it print a
 * warning and show the text unformatted, {@code %n} and all.
 */
class CliHelpTextTest {

  @Test
  void everyDescriptionOfEveryCommandIsAValidFormatString() {
    PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
    CommandLine cli = new CommandLine(new SynclineCli(Map.of(), nowhere, nowhere, Clock.systemUTC(), false));
    List<CommandSpec> specs = new ArrayList<>();
    collect(cli, specs);
    for (CommandSpec spec : specs) {
      List<String> texts = new ArrayList<>(List.of(spec.usageMessage().description()));
      texts.addAll(List.of(spec.usageMessage().footer()));
      spec.options().forEach(o -> texts.addAll(List.of(o.description())));
      spec.positionalParameters().forEach(p -> texts.addAll(List.of(p.description())));
      for (String text : texts) {
        assertThatCode(() -> String.format(text)).as(spec.qualifiedName() + ": " + text).doesNotThrowAnyException();
      }
    }
  }

  private static void collect(CommandLine cli, List<CommandSpec> specs) {
    specs.add(cli.getCommandSpec());
    cli.getSubcommands().values().forEach(sub -> collect(sub, specs));
  }
}
