package org.jianqun.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.persistence.RegionMapper;
import org.jianqun.core.testing.XlsxFiles;
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

        CommandRun first = CommandRun.of("import", "regions", good.toString());
        CommandRun second = CommandRun.of("import", "regions", good.toString());
        CommandRun broken = CommandRun.of("import", "regions", bad.toString());
        CommandRun unknownKind = CommandRun.of("import", "villages", good.toString());
        assertThat(first.exit()).isZero();
        assertThat(second.exit()).isZero();
        assertThat(first.out() + second.out()).contains("regions: 2 rows: 2 inserted, 0 updated, 0 unchanged",
                "regions: 2 rows: 0 inserted, 0 updated, 2 unchanged");
        assertThat(broken.exit()).isEqualTo(1);
        assertThat(broken.err()).contains(bad + ":2: parent_code: parent 359802100 is neither in this file nor imported before", "nothing was imported");
        assertThat(unknownKind.exit()).isEqualTo(2);
        assertThat(unknownKind.err()).contains("'villages' is not an import");

        try (Database db = Database.open(EmbeddedDatabase.settings(dataDir), 1)) {
            assertThat(db.read(s -> s.getMapper(RegionMapper.class).find("359801")).name()).isEqualTo("测试县");
        }
    }

    @Test
    void readsExcelsFilesByExtensionAndContentAndSaysHow(@TempDir Path dir) throws Exception {
        Path dataDir = Path.of(System.getenv().getOrDefault("JIANQUN_DATA_DIR", "data"));
        EmbeddedDatabase.reset(dataDir);
        Path gbk = dir.resolve("regions-gbk.csv");
        Files.write(gbk, "code,name,level,parent_code\n3597,旧市,city,\n".getBytes(java.nio.charset.Charset.forName("GBK")));
        Path book = dir.resolve("regions.xlsx");
        Files.write(book, XlsxFiles.xlsx(new Object[] {"code", "name", "level", "parent_code"}, new Object[] {359701, "旧县", "county", 3597}));
        Path unnamed = dir.resolve("regions-export");
        Files.write(unnamed, XlsxFiles.xlsx(new Object[] {"code", "name", "level", "parent_code"}, new Object[] {359702, "新县", "county", "3597"}));
        Path badBook = dir.resolve("bad.xlsx");
        Files.write(badBook, XlsxFiles.xlsx(new Object[] {"code", "name", "level", "parent_code"}, null, new Object[] {"35970A", "坏县", "county", 3597}));

        CommandRun csv = CommandRun.of("import", "regions", gbk.toString());
        CommandRun xlsx = CommandRun.of("import", "regions", book.toString());
        CommandRun sniffed = CommandRun.of("import", "regions", unnamed.toString());
        CommandRun broken = CommandRun.of("import", "regions", badBook.toString());
        assertThat(csv.exit()).as(csv.err()).isZero();
        assertThat(csv.out()).contains("read as csv GB18030", "regions: 1 rows: 1 inserted");
        assertThat(xlsx.exit()).as(xlsx.err()).isZero();
        assertThat(xlsx.out()).contains("read as xlsx", "regions: 1 rows: 1 inserted");
        assertThat(sniffed.exit()).as(sniffed.err()).isZero();
        assertThat(sniffed.out()).contains("read as xlsx");
        assertThat(broken.exit()).isEqualTo(1);
        assertThat(broken.err()).contains(badBook + ":3: code: ");
        try (Database db = Database.open(EmbeddedDatabase.settings(dataDir), 1)) {
            assertThat(db.read(s -> s.getMapper(RegionMapper.class).find("359701")).name()).isEqualTo("旧县");
            assertThat(db.read(s -> s.getMapper(RegionMapper.class).find("359702")).name()).isEqualTo("新县");
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
