package org.jianqun.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.persistence.RegionMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/jianqun import} against the embedded database in JIANQUN_DATA_DIR (the launcher's
 * surefire configuration points it into target/).
 */
class ImportCommandTest {
    @Test
    void importsAFileAndReportsBadRowsWithFileAndLine(@TempDir Path dir) throws Exception {
        Path dataDir = Path.of(System.getenv().getOrDefault("JIANQUN_DATA_DIR", "data"));
        EmbeddedDatabase.reset(dataDir);
        Path good = dir.resolve("regions.csv");
        Files.writeString(good, "code,name,level,parent_code\n3598,测试市,city,\n359801,测试县,county,3598\n", StandardCharsets.UTF_8);
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "code,name,level,parent_code\n359802100201,孤村,village,359802100\n", StandardCharsets.UTF_8);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int first;
        int second;
        int broken;
        int unknownKind;
        try {
            first = JianqunCommand.execute("import", "regions", good.toString());
            second = JianqunCommand.execute("import", "regions", good.toString());
            broken = JianqunCommand.execute("import", "regions", bad.toString());
            unknownKind = JianqunCommand.execute("import", "villages", good.toString());
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        String stdout = out.toString(StandardCharsets.UTF_8);
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertThat(first).isZero();
        assertThat(second).isZero();
        assertThat(stdout).contains("regions: 2 rows: 2 inserted, 0 updated, 0 unchanged", "regions: 2 rows: 0 inserted, 0 updated, 2 unchanged");
        assertThat(broken).isEqualTo(1);
        assertThat(stderr).contains(bad + ":2: parent_code: parent 359802100 is neither in this file nor imported before", "nothing was imported");
        assertThat(unknownKind).isEqualTo(2);
        assertThat(stderr).contains("'villages' is not an import");

        try (Database db = Database.open(EmbeddedDatabase.settings(dataDir), 1)) {
            assertThat(db.read(s -> s.getMapper(RegionMapper.class).find("359801")).name()).isEqualTo("测试县");
        }
    }

    /** The README's import lines, on the demo county, with the example files the project ships. */
    @Test
    void theShippedExampleFilesImportAsTheReadmeSays(@TempDir Path dir) throws Exception {
        Path dataDir = Path.of(System.getenv().getOrDefault("JIANQUN_DATA_DIR", "data"));
        EmbeddedDatabase.reset(dataDir);
        for (String kind : java.util.List.of("regions", "groups", "people")) {
            Path demo = dir.resolve("demo-" + kind + ".csv");
            try (var in = ImportCommandTest.class.getResourceAsStream("/demo/" + kind + ".csv")) {
                Files.write(demo, in.readAllBytes());
            }
            assertThat(JianqunCommand.execute("import", kind, demo.toString())).as("demo " + kind).isZero();
        }
        Path examples = Path.of("..", "examples");
        for (String kind : java.util.List.of("regions", "groups", "people")) {
            assertThat(JianqunCommand.execute("import", kind, examples.resolve(kind + ".csv").toString())).as("examples/" + kind).isZero();
        }
        try (Database db = Database.open(EmbeddedDatabase.settings(dataDir), 1)) {
            assertThat(db.read(s -> s.getMapper(RegionMapper.class).find("359901100206")).name()).isEqualTo("新村");
        }
    }
}
