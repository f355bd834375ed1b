package org.jianqun.core.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jianqun.core.testing.CsvFiles.REGIONS;
import static org.jianqun.core.testing.CsvFiles.csv;

import java.nio.charset.Charset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jianqun.core.access.Role;
import org.jianqun.core.account.PasswordHasher;
import org.jianqun.core.organisation.Channel;
import org.jianqun.core.organisation.ChatGroup;
import org.jianqun.core.organisation.GroupPurpose;
import org.jianqun.core.organisation.Person;
import org.jianqun.core.organisation.Region;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.persistence.GroupMapper;
import org.jianqun.core.persistence.PersonMapper;
import org.jianqun.core.persistence.RegionMapper;
import org.jianqun.core.testing.MutableClock;
import org.jianqun.core.testing.TestDatabase;
import org.jianqun.core.testing.XlsxFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The three imports against a real database (MariaDB in CI): all-or-nothing, idempotent, errors with line and field. */
class OrganisationImporterTest {
    private static final PasswordHasher HASHER = new PasswordHasher(10_000);
    private TestDatabase db;
    private OrganisationImporter importer;

    @BeforeEach
    void open() {
        db = TestDatabase.fresh();
        importer = new OrganisationImporter(db.database(), HASHER, new MutableClock(Instant.parse("2026-03-02T01:00:00Z")));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private ImportOutcome.Applied applied(ImportKind kind, byte[] file) {
        ImportOutcome outcome = importer.importCsv(kind, file, null);
        assertThat(outcome).as("%s", outcome).isInstanceOf(ImportOutcome.Applied.class);
        return (ImportOutcome.Applied) outcome;
    }

    private List<ImportProblem> rejected(ImportKind kind, byte[] file) {
        return rejected(kind, file, null);
    }

    private List<ImportProblem> rejected(ImportKind kind, byte[] file, String scope) {
        ImportOutcome outcome = importer.importCsv(kind, file, scope);
        assertThat(outcome).as("%s", outcome).isInstanceOf(ImportOutcome.Rejected.class);
        return ((ImportOutcome.Rejected) outcome).problems();
    }

    private static String[] plus(String[] base, String... more) {
        List<String> all = new ArrayList<>(Arrays.asList(base));
        all.addAll(Arrays.asList(more));
        return all.toArray(String[]::new);
    }

    private long regions() {
        return db.database().read(s -> s.getMapper(RegionMapper.class).count());
    }

    private void importCounty() {
        applied(ImportKind.REGIONS, csv(REGIONS));
        applied(ImportKind.GROUPS, csv("channel,group_id,village_code,name",
                "bridge,g-201-1,359901100201,东岭村监督群",
                "wecom,wrOgAAA-202,359901100202,上洋村监督群"));
    }

    @Test
    void importsACountyAndReimportingChangesNothing() {
        ImportOutcome.Applied first = applied(ImportKind.REGIONS, csv(REGIONS));
        assertThat(first).isEqualTo(new ImportOutcome.Applied(ImportKind.REGIONS, 5, 5, 0, 0));
        assertThat(applied(ImportKind.REGIONS, csv(REGIONS))).isEqualTo(new ImportOutcome.Applied(ImportKind.REGIONS, 5, 0, 0, 5));

        String[] people = {"name,role,scope_code,channel,channel_user_id,username,password",
            "东岭村干部,village_cadre,359901100201,bridge,u-1,,",
            "东岭镇办事员,town_officer,359901100,,,town-officer,initial-pass",
            "县纪委干部,discipline_officer,359901,wecom,zhangsan,county-jjw,initial-pass"};
        importCounty();
        assertThat(applied(ImportKind.PEOPLE, csv(people))).isEqualTo(new ImportOutcome.Applied(ImportKind.PEOPLE, 3, 3, 0, 0));
        String hash = db.database().read(s -> s.getMapper(PersonMapper.class).findByUsername("town-officer")).passwordHash();
        assertThat(HASHER.matches("initial-pass", hash)).isTrue();
        assertThat(applied(ImportKind.PEOPLE, csv(people))).isEqualTo(new ImportOutcome.Applied(ImportKind.PEOPLE, 3, 0, 0, 3));
        assertThat(db.database().read(s -> s.getMapper(PersonMapper.class).findByUsername("town-officer")).passwordHash())
                .as("re-import keeps the password").isEqualTo(hash);
        assertThat(applied(ImportKind.GROUPS, csv("channel,group_id,village_code,name",
                "bridge,g-201-1,359901100201,东岭村监督群",
                "wecom,wrOgAAA-202,359901100202,上洋村监督群"))).isEqualTo(new ImportOutcome.Applied(ImportKind.GROUPS, 2, 0, 0, 2));
    }

    @Test
    void codesAsTheStatisticsBureauAndGbT2260WriteThemAreStoredShort() {
        ImportOutcome.Applied statistical = applied(ImportKind.REGIONS, csv("code,name,level,parent_code",
                "359900000000,示范市,city,",
                "359901000000,清源县,county,359900000000",
                "359901100000,东岭镇,town,359901000000",
                "359901100201,东岭村,village,359901100000"));
        assertThat(statistical.inserted()).isEqualTo(4);
        assertThat(db.database().<Region>read(s -> s.getMapper(RegionMapper.class).find("3599")).name()).isEqualTo("示范市");
        assertThat(db.database().<Region>read(s -> s.getMapper(RegionMapper.class).find("359901100")).parentCode()).isEqualTo("359901");
        assertThat(applied(ImportKind.REGIONS, csv("code,name,level,parent_code", "359900,示范市,city,", "359901,清源县,county,359900")).unchanged())
                .as("the 6-digit GB/T 2260 form of the city is the same region").isEqualTo(2);
        assertThat(regions()).isEqualTo(4L);

        assertThat(applied(ImportKind.GROUPS, csv("channel,group_id,village_code,name,purpose",
                "bridge,g-town,359901100000,东岭镇工作群,officers")).inserted()).isEqualTo(1);
        assertThat(db.database().<List<ChatGroup>>read(s -> s.getMapper(GroupMapper.class).ofRegion("359901100"))).hasSize(1);
        assertThat(applied(ImportKind.PEOPLE, csv("name,role,scope_code,channel,channel_user_id,username,password",
                "市里的人,city_officer,359900,,,city-1,initial-pass")).inserted()).isEqualTo(1);
        assertThat(db.database().read(s -> s.getMapper(PersonMapper.class).findByUsername("city-1")).scopeCode()).isEqualTo("3599");

        List<ImportProblem> problems = rejected(ImportKind.REGIONS, csv("code,name,level,parent_code", "35990,坏市,city,"));
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("code");
            assertThat(p.message()).contains("“35990”", "3505", "350500", "350500000000");
        });
        assertThat(rejected(ImportKind.REGIONS, csv("code,name,level,parent_code", "359901100000,东岭村,village,359901100")))
                .singleElement().satisfies(p -> assertThat(p.message()).contains("是镇的代码", "这里要村的代码"));
    }

    @Test
    void reimportUpdatesByKey() {
        importCounty();
        ImportOutcome.Applied renamed = applied(ImportKind.REGIONS, csv("code,name,level,parent_code", "359901100201,东岭社区🏡,village,359901100"));
        assertThat(renamed).isEqualTo(new ImportOutcome.Applied(ImportKind.REGIONS, 1, 0, 1, 0));
        assertThat(db.database().read(s -> s.getMapper(RegionMapper.class).find("359901100201")).name()).isEqualTo("东岭社区🏡");

        ImportOutcome.Applied rebound = applied(ImportKind.GROUPS, csv("channel,group_id,village_code,name", "bridge,g-201-1,359901100202,改名的群"));
        assertThat(rebound.updated()).isEqualTo(1);
        assertThat(db.database().read(s -> s.getMapper(GroupMapper.class).find(Channel.BRIDGE, "g-201-1")).regionCode()).isEqualTo("359901100202");

        applied(ImportKind.PEOPLE, csv("name,role,scope_code,channel,channel_user_id,username,password", "甲,villager,359901100201,bridge,u-9,,"));
        ImportOutcome.Applied promoted = applied(ImportKind.PEOPLE, csv("name,role,scope_code,channel,channel_user_id,username,password",
                "甲,village_cadre,359901100201,bridge,u-9,jia,first-password"));
        assertThat(promoted).isEqualTo(new ImportOutcome.Applied(ImportKind.PEOPLE, 1, 0, 1, 0));
        Person jia = db.database().read(s -> s.getMapper(PersonMapper.class).findByUsername("jia"));
        assertThat(jia.role()).isEqualTo(Role.VILLAGE_CADRE);
        assertThat(jia.channelUserId()).isEqualTo("u-9");
    }

    @Test
    void headerProblemsNameTheColumn() {
        assertThat(rejected(ImportKind.REGIONS, csv("code,name,level,parent_code,population", "3599,示范市,city,,1")))
                .containsExactly(new ImportProblem(1, "population", "未知的列“population”；列应为 code,name,level,parent_code"));
        assertThat(rejected(ImportKind.REGIONS, csv("code,name,level", "3599,示范市,city")))
                .containsExactly(new ImportProblem(1, "parent_code", "缺少列“parent_code”"));
        assertThat(rejected(ImportKind.REGIONS, new byte[0])).singleElement().satisfies(p -> assertThat(p.message()).contains("文件是空的"));
    }

    @Test
    void columnsMayComeInAnyOrderWithAnExcelBom() {
        byte[] body = csv("name,code,parent_code,level", "示范市,3599,,city");
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        assertThat(applied(ImportKind.REGIONS, withBom).inserted()).isEqualTo(1);
        assertThat(db.database().read(s -> s.getMapper(RegionMapper.class).find("3599")).name()).isEqualTo("示范市");
    }

    @Test
    void aVillageWhoseParentIsMissingFailsTheWholeFile() {
        List<ImportProblem> problems = rejected(ImportKind.REGIONS, csv(plus(REGIONS, "359901101201,孤村,village,359901101")));
        assertThat(problems).containsExactly(new ImportProblem(7, "parent_code",
                "parent 359901101 is neither in this file nor imported before; import the town first"));
        assertThat(regions()).as("nothing half-imported").isZero();
    }

    @Test
    void aDuplicateCodeWithADifferentNameIsRefused() {
        List<ImportProblem> problems = rejected(ImportKind.REGIONS, csv(plus(REGIONS, "359901100201,另一个村,village,359901100")));
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(7);
            assertThat(p.field()).isEqualTo("name");
            assertThat(p.message()).contains("already on line 5", "东岭村");
        });
        assertThat(regions()).isZero();
        assertThat(applied(ImportKind.REGIONS, csv(plus(REGIONS, "359901100201,东岭村,village,359901100"))).inserted())
                .as("an identical repeat is harmless").isEqualTo(5);
    }

    @Test
    void aGbkFileFromExcelOnAChineseWindowsImports() {
        byte[] gbk = String.join("\n", REGIONS).concat("\n").getBytes(Charset.forName("GBK"));
        assertThat(applied(ImportKind.REGIONS, gbk).inserted()).isEqualTo(5);
        assertThat(db.database().<Region>read(s -> s.getMapper(RegionMapper.class).find("359901100201")).name()).isEqualTo("东岭村");
    }

    @Test
    void aFileNeitherUtf8NorGb18030IsRefusedWithItsLine() {
        Charset gbk = Charset.forName("GBK");
        java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
        file.writeBytes("code,name,level,parent_code\n3599,示范市,city,\n359901,清".getBytes(gbk));
        file.write(0x80);
        file.writeBytes("源县,county,3599\n".getBytes(gbk));
        byte[] broken = file.toByteArray();
        assertThat(rejected(ImportKind.REGIONS, broken)).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.message()).contains("GB18030", "CSV UTF-8");
        });
    }

    @Test
    void aWorkbookImportsWithTheSameLineAndFieldErrors() {
        TableFile good = ((TableReading.Read) TableReader.read(XlsxFiles.xlsx(
                new Object[] {"code", "name", "level", "parent_code"},
                new Object[] {3599, "示范市", "city"},
                new Object[] {359901, "清源县", "county", 3599},
                new Object[] {359901100, "东岭镇", "town", 359901},
                new Object[] {359901100201L, "东岭村", "village", 359901100}), Optional.empty(), TableLimits.UPLOAD)).file();
        ImportOutcome outcome = importer.importTable(ImportKind.REGIONS, good, null);
        assertThat(outcome).isEqualTo(new ImportOutcome.Applied(ImportKind.REGIONS, 4, 4, 0, 0));

        TableFile bad = ((TableReading.Read) TableReader.read(XlsxFiles.xlsx(
                new Object[] {"code", "name", "level", "parent_code"},
                new Object[] {359901100202L, "", "village", 359901100},
                null,
                new Object[] {"35990A", "坏村", "village", 359901100}), Optional.empty(), TableLimits.UPLOAD)).file();
        ImportOutcome refused = importer.importTable(ImportKind.REGIONS, bad, null);
        assertThat(refused).isInstanceOf(ImportOutcome.Rejected.class);
        assertThat(((ImportOutcome.Rejected) refused).problems()).extracting(ImportProblem::line, ImportProblem::field)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2, "name"), org.assertj.core.groups.Tuple.tuple(4, "code"));
        assertThat(regions()).isEqualTo(4L);
    }

    @Test
    void everyBadRowIsReportedWithLineAndField() {
        List<ImportProblem> problems = rejected(ImportKind.REGIONS, csv(
                "code,name,level,parent_code",
                "3599,示范市,city,",
                "359901,,county,3599",
                "35990A,清源县,county,3599",
                "359902,山城县,province,3599",
                "359901100,东岭镇,town,359902",
                "359903,\"引号,县\",county,3599,extra",
                "3599011002,东岭村,village,359901100"));
        assertThat(problems).extracting(ImportProblem::line, ImportProblem::field).containsExactly(
                org.assertj.core.groups.Tuple.tuple(3, "name"),
                org.assertj.core.groups.Tuple.tuple(4, "code"),
                org.assertj.core.groups.Tuple.tuple(5, "level"),
                org.assertj.core.groups.Tuple.tuple(6, "parent_code"),
                org.assertj.core.groups.Tuple.tuple(7, ""),
                org.assertj.core.groups.Tuple.tuple(8, "code"));
        assertThat(regions()).isZero();
    }

    @Test
    void multiLineQuotedCellsKeepLineNumbersRight() {
        List<ImportProblem> problems = rejected(ImportKind.REGIONS, csv(
                "code,name,level,parent_code",
                "3599,\"示范市",
                "(两行)\",city,",
                "359901,清源县,county,35"));
        assertThat(problems).singleElement().satisfies(p -> assertThat(p.line()).isEqualTo(4));
    }

    @Test
    void groupsNeedAnImportedVillage() {
        applied(ImportKind.REGIONS, csv(REGIONS));
        List<ImportProblem> problems = rejected(ImportKind.GROUPS, csv("channel,group_id,village_code,name,purpose",
                "bridge,g-1,359901100201,好群,",
                "qq,g-2,359901100201,坏渠道,",
                "bridge,g-3,359901100299,无此村,",
                "bridge,g-4,359901100,不是村,villagers",
                "bridge,g-5,3599011002,十位数,officers"));
        assertThat(problems).extracting(ImportProblem::line, ImportProblem::field).containsExactly(
                org.assertj.core.groups.Tuple.tuple(3, "channel"),
                org.assertj.core.groups.Tuple.tuple(4, "village_code"),
                org.assertj.core.groups.Tuple.tuple(5, "purpose"),
                org.assertj.core.groups.Tuple.tuple(6, "village_code"));
        assertThat(problems.get(2).message()).contains("serves a village");
        assertThat(db.database().<Long>read(s -> s.getMapper(GroupMapper.class).count())).isZero();
    }

    @Test
    void officersAndDisciplineGroupsAreBoundToTheirRegion() {
        applied(ImportKind.REGIONS, csv(REGIONS));
        applied(ImportKind.GROUPS, csv("channel,group_id,village_code,name,purpose,robot_key",
                "bridge,g-201-1,359901100201,东岭村监督群,,",
                "aibot,wrTown1,359901100,东岭镇干部工作群,,robotKey-0001",
                "bridge,g-jjw,359901,县纪委监委网巡群,discipline,",
                "bridge,g-201-cadres,359901100201,东岭村两委工作群,officers,"));
        assertThat(db.database().<ChatGroup>read(s -> s.getMapper(GroupMapper.class).find(Channel.AIBOT, "wrTown1")))
                .satisfies(g -> {
                    assertThat(g.regionCode()).isEqualTo("359901100");
                    assertThat(g.purpose()).as("a town's group is its officers' by default").isEqualTo(GroupPurpose.OFFICERS);
                    assertThat(g.robotKey()).isEqualTo("robotKey-0001");
                    assertThat(g.toString()).as("the key is a credential").doesNotContain("robotKey-0001");
                });
        assertThat(db.database().<List<ChatGroup>>read(s -> s.getMapper(GroupMapper.class).serving("359901", GroupPurpose.DISCIPLINE)))
                .extracting(ChatGroup::groupId).containsExactly("g-jjw");
        assertThat(db.database().<List<ChatGroup>>read(s -> s.getMapper(GroupMapper.class).serving("359901100201", GroupPurpose.OFFICERS)))
                .extracting(ChatGroup::groupId).containsExactly("g-201-cadres");
        assertThat(db.database().<ChatGroup>read(s -> s.getMapper(GroupMapper.class).find(Channel.BRIDGE, "g-201-1")).purpose())
                .isEqualTo(GroupPurpose.VILLAGERS);

        List<ImportProblem> problems = rejected(ImportKind.GROUPS, csv("channel,group_id,village_code,name,purpose,robot_key",
                "bridge,g-x,359901100201,村纪检,discipline,",
                "bridge,g-y,359901100,镇群,officers,robotKey-0002",
                "aibot,g-z,359901100,镇群,officers,bad key!",
                "bridge,g-w,359901100,镇群,committee,"));
        assertThat(problems).extracting(ImportProblem::line, ImportProblem::field).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2, "purpose"),
                org.assertj.core.groups.Tuple.tuple(3, "robot_key"),
                org.assertj.core.groups.Tuple.tuple(4, "robot_key"),
                org.assertj.core.groups.Tuple.tuple(5, "purpose"));
        assertThat(problems.get(3).message()).contains("villagers, officers or discipline");
    }

    @Test
    void peopleRowsAreCheckedAgainstRolesScopesAndEachOther() {
        importCounty();
        List<ImportProblem> problems = rejected(ImportKind.PEOPLE, csv("name,role,scope_code,channel,channel_user_id,username,password",
                "甲,mayor,359901100201,bridge,u-1,,",
                "乙,town_officer,359901100201,,,yiyi,long-enough",
                "丙,village_cadre,359901100299,bridge,u-3,,",
                "丁,villager,359901100201,bridge,,,",
                "戊,county_officer,359901,,,wuwu,short",
                "己,villager,359901100201,,,,secret-pass",
                "庚,villager,359901100201,,,,",
                "辛,county_officer,359901,,,xinxin,",
                "壬,county_officer,,,,renren,long-enough"));
        assertThat(problems).extracting(ImportProblem::line, ImportProblem::field).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(2, "role"),
                org.assertj.core.groups.Tuple.tuple(3, "scope_code"),
                org.assertj.core.groups.Tuple.tuple(4, "scope_code"),
                org.assertj.core.groups.Tuple.tuple(5, "channel_user_id"),
                org.assertj.core.groups.Tuple.tuple(6, "password"),
                org.assertj.core.groups.Tuple.tuple(7, "password"),
                org.assertj.core.groups.Tuple.tuple(8, "username"),
                org.assertj.core.groups.Tuple.tuple(9, "password"),
                org.assertj.core.groups.Tuple.tuple(10, "scope_code"));
        assertThat(db.database().<Long>read(s -> s.getMapper(PersonMapper.class).count())).isZero();
    }

    @Test
    void aUsernameAndAChatIdentityOfTwoPeopleCannotBeJoined() {
        importCounty();
        applied(ImportKind.PEOPLE, csv("name,role,scope_code,channel,channel_user_id,username,password",
                "甲,village_cadre,359901100201,bridge,u-1,,",
                "乙,village_cadre,359901100202,,,yiyi,long-enough"));
        assertThat(rejected(ImportKind.PEOPLE, csv("name,role,scope_code,channel,channel_user_id,username,password",
                "甲,village_cadre,359901100201,bridge,u-1,yiyi,")))
                .singleElement().satisfies(p -> assertThat(p.message()).contains("two different people"));
    }

    /** Names and ids are stored in the one form logins and channels look them up by; re-importing another writing of them changes nothing. */
    @Test
    void namesAndIdsAreStoredInTheirOneForm() {
        importCounty();
        applied(ImportKind.GROUPS, csv("channel,group_id,village_code,name", "bridge,g-201-9\u200B,359901100201,东岭村二群"));
        applied(ImportKind.PEOPLE, csv("name,role,scope_code,channel,channel_user_id,username,password",
                "甲,village_cadre,359901100201,bridge,CADRE-1\u3000,\uFF34own9-Officer\u00A0,long-enough"));
        Person stored = db.database().read(s -> s.getMapper(PersonMapper.class).findByUsername("town9-officer"));
        assertThat(stored.channelUserId()).isEqualTo("CADRE-1");
        assertThat(db.database().<Object>read(s -> s.getMapper(GroupMapper.class).find(Channel.BRIDGE, "g-201-9"))).isNotNull();
        ImportOutcome.Applied again = applied(ImportKind.PEOPLE, csv("name,role,scope_code,channel,channel_user_id,username,password",
                "甲,village_cadre,359901100201,bridge,CADRE-1,town9-officer,"));
        assertThat(again.unchanged()).isEqualTo(1);
        assertThat(rejected(ImportKind.PEOPLE, csv("name,role,scope_code,channel,channel_user_id,username,password",
                "乙,villager,359901100201,,,t\u00F3wn9-officer,long-enough"))).singleElement()
                .satisfies(p -> assertThat(p.field()).isEqualTo("username"));
    }

    @Test
    void aScopedAdminImportsOnlyInsideTheirScope() {
        applied(ImportKind.REGIONS, csv(REGIONS));
        assertThat(rejected(ImportKind.REGIONS, csv("code,name,level,parent_code", "359901101,西溪镇,town,359901"), "359901100"))
                .singleElement().satisfies(p -> assertThat(p.message()).contains("outside your scope 359901100"));
        assertThat(importer.importCsv(ImportKind.REGIONS, csv("code,name,level,parent_code", "359901100203,新村,village,359901100"), "359901100"))
                .isInstanceOf(ImportOutcome.Applied.class);
        assertThat(rejected(ImportKind.PEOPLE, csv("name,role,scope_code,channel,channel_user_id,username,password",
                "新管理员,admin,,,,admin2,long-enough"), "359901"))
                .singleElement().satisfies(p -> assertThat(p.message()).contains("platform-wide"));
    }

    @Test
    void emojiAndLongNamesSurvive() {
        String name = "🌾".repeat(100);
        applied(ImportKind.REGIONS, csv("code,name,level,parent_code", "3599," + name + ",city,"));
        Region city = db.database().read(s -> s.getMapper(RegionMapper.class).find("3599"));
        assertThat(city.name()).isEqualTo(name);
        assertThat(rejected(ImportKind.REGIONS, csv("code,name,level,parent_code", "3598," + name + "🌾,city,")))
                .singleElement().satisfies(p -> assertThat(p.message()).contains("101 characters"));
    }

    @Test
    void aLaterRowFailingLeavesEarlierRowsUnwritten() {
        Database database = db.database();
        applied(ImportKind.REGIONS, csv(REGIONS));
        List<ImportProblem> problems = rejected(ImportKind.REGIONS, csv("code,name,level,parent_code",
                "359901100201,改过的名字,village,359901100",
                "359901100203,新村,village,359901100",
                "359901199201,没有镇的村,village,359901199"));
        assertThat(problems).hasSize(1);
        assertThat(database.read(s -> s.getMapper(RegionMapper.class).find("359901100201")).name()).isEqualTo("东岭村");
        assertThat(database.<Region>read(s -> s.getMapper(RegionMapper.class).find("359901100203"))).isNull();
    }
}
