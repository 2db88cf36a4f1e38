package io.csplaybooks.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each table belongs to one package (docs/architecture.md, "Who owns which table"): every table the
 * migrations create has an owner there, and only its owner's code inserts, updates or deletes it.
 */
class TableOwnershipTest {

  static final Path SOURCES = Path.of("src/main/java/io/csplaybooks");
  static final Pattern CREATE = Pattern.compile("(?i)create table (\\w+)");
  static final Pattern WRITE = Pattern.compile("(?i)\\b(?:insert\\s+into|update|delete\\s+from|merge\\s+into)\\s+(\\w+)");
  static final Pattern TEXT_BLOCK = Pattern.compile("\"\"\"(.*?)\"\"\"", Pattern.DOTALL);
  static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
  static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|(?m)^\\s*//.*$", Pattern.DOTALL);

  @Test
  void everyTableHasOneOwnerAndOnlyItsOwnerWritesIt() throws IOException {
    Map<String, String> owners = owners();
    Set<String> tables = new TreeSet<>();
    try (Stream<Path> migrations = Files.list(Path.of("src/main/resources/db/migration"))) {
      for (Path migration : migrations.toList()) {
        Matcher created = CREATE.matcher(Files.readString(migration));
        while (created.find()) {
          tables.add(created.group(1).toLowerCase(Locale.ROOT));
        }
      }
    }
    assertThat(owners.keySet()).as("tables in docs/architecture.md").containsExactlyInAnyOrderElementsOf(tables);

    List<String> strangers = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String pkg = SOURCES.relativize(file).getName(0).toString();
        String code = COMMENT.matcher(Files.readString(file)).replaceAll("");
        for (String sql : literals(code)) {
          Matcher write = WRITE.matcher(sql);
          while (write.find()) {
            String table = write.group(1).toLowerCase(Locale.ROOT);
            if (tables.contains(table) && !pkg.equals(owners.get(table))) {
              strangers.add(file.getFileName() + " (" + pkg + ") writes " + table + ", which " + owners.get(table)
                  + " owns");
            }
          }
        }
      }
    }
    assertThat(strangers).as("writes outside the owning package").isEmpty();
  }

  private static List<String> literals(String code) {
    List<String> literals = new ArrayList<>();
    Matcher blocks = TEXT_BLOCK.matcher(code);
    while (blocks.find()) {
      literals.add(blocks.group(1));
    }
    Matcher strings = STRING.matcher(TEXT_BLOCK.matcher(code).replaceAll(""));
    while (strings.find()) {
      literals.add(strings.group(1));
    }
    return literals;
  }

  /** The table of owners in docs/architecture.md: table names (comma-separated) to their package. */
  private static Map<String, String> owners() throws IOException {
    String doc = Files.readString(Path.of("docs/architecture.md"));
    String section = doc.substring(doc.indexOf("## Who owns which table"));
    section = section.substring(0, section.indexOf("\n## ", 5));
    Map<String, String> owners = new HashMap<>();
    for (String line : section.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| table")).toList()) {
      String[] cells = line.split("\\|");
      for (String table : cells[1].split(",")) {
        String previous = owners.put(table.trim(), cells[2].trim());
        assertThat(previous).as(table.trim() + " has one owner").isNull();
      }
    }
    return owners;
  }
}
