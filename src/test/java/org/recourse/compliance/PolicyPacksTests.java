package org.recourse.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;

/** The shipped packs load; a pack file with any mistake stops the start instead of switching a rule off. */
class PolicyPacksTests {

    private static final String CN = """
            {"pack": "CN-NIFA-2018", "version": "1", "jurisdiction": "CN", "rulePrefix": "CN", "zones": ["Asia/Shanghai"],
             "parameters": {%s}}
            """;
    private static final String QUIET = """
            "contactWindow.quietFrom": {"value": "22:00", "source": "CN-11", "verification": "V-secondary"},
            "contactWindow.quietTo": {"value": "08:00", "source": "CN-11", "verification": "V-secondary"}""";

    @Test
    void theShippedPacksLoadWithEveryValueSourced() {
        PolicyPacks packs = new PolicyPacks();

        assertThat(packs.all()).extracting(PolicyPack::id).containsExactly("CN-NIFA-2018", "UK-CONC", "US-REG-F");
        PolicyPack cn = packs.get("CN-NIFA-2018");
        assertThat(cn.parameter(PolicyParameter.CONVERSATIONS_PER_DAY).orElseThrow().value()).isEqualTo(3);
        assertThat(cn.parameter(PolicyParameter.QUIET_FROM).orElseThrow().value()).isEqualTo(LocalTime.of(22, 0));
        assertThat(packs.get("US-REG-F").zones()).hasSize(7);
        packs.all().forEach(pack -> pack.parameters().values()
                .forEach(value -> assertThat(value.source()).isNotBlank()));
    }

    @Test
    void refusesEveryKindOfMistake() {
        assertRefused(CN.formatted(QUIET + ", \"frequency.hugsPerDay\": {\"value\": 1, \"source\": \"x\", \"verification\": \"UNVERIFIED\"}"),
                "unknown parameter frequency.hugsPerDay");
        assertRefused(CN.formatted(QUIET.replace("\"22:00\"", "\"late\"")), "wrong shape for contactWindow.quietFrom");
        assertRefused(CN.formatted(QUIET.replace("\"V-secondary\"}", "\"probably\"}")), "no verification label");
        assertRefused(CN.formatted(QUIET.replace("\"source\": \"CN-11\",", "")), "has no source");
        assertRefused(CN.formatted(QUIET.substring(0, QUIET.indexOf("},") + 1)), "only one end of the quiet hours");
        assertRefused(CN.formatted(QUIET).replace("Asia/Shanghai", "Mars/Olympus"), "unknown zone");
        assertRefused(CN.formatted(QUIET).replace("}}", "}"), "not valid JSON");
        assertRefused(CN.formatted(QUIET.replace("\"value\": \"08:00\"", "\"value\": \"8\"")), "wrong shape");
        assertRefused(CN.formatted("\"frequency.smsPerBorrowerPerDay\": {\"value\": -1, \"source\": \"x\", \"verification\": \"UNVERIFIED\"}"),
                "wrong shape");
        assertThatThrownBy(() -> new PolicyPacks(List.of(file("US-REG-F.json", CN.formatted(QUIET)))))
                .hasMessageContaining("must be called CN-NIFA-2018.json");
        assertThatThrownBy(() -> new PolicyPacks(List.of(file("UK-CONC.json", CN.formatted(QUIET)
                .replace("CN-NIFA-2018", "UK-CONC"))))).hasMessageContaining("default policy pack CN-NIFA-2018 is missing");
    }

    @ParameterizedTest
    @CsvSource({
            "contactWindow.quietFrom, 21:00, 22:00, true",
            "contactWindow.quietFrom, 22:00, 22:00, true",
            "contactWindow.quietFrom, 23:00, 22:00, false",
            "contactWindow.quietFrom, 01:00, 22:00, false",
            "contactWindow.quietTo, 09:00, 08:00, true",
            "contactWindow.quietTo, 07:00, 08:00, false",
            "contactWindow.quietTo, 23:00, 08:00, false",
            "frequency.conversationsPerBorrowerPerDay, 2, 3, true",
            "frequency.conversationsPerBorrowerPerDay, 4, 3, false",
            "visits.minCollectors, 3, 2, true",
            "visits.minCollectors, 1, 2, false",
            "outsourcing.noticeBeforeFirstAgencyContact, true, true, true",
            "outsourcing.noticeBeforeFirstAgencyContact, false, true, false"})
    void tellsStricterFromLooser(String key, String candidate, String base, boolean stricter) {
        PolicyParameter parameter = PolicyParameter.byKey(key).orElseThrow();

        assertThat(parameter.atLeastAsStrict(value(parameter, candidate), value(parameter, base))).isEqualTo(stricter);
    }

    @Test
    void fewerConditionsForThirdPartiesAreStricter() {
        PolicyParameter conditions = PolicyParameter.THIRD_PARTY_ONLY_IF;
        Set<String> all = PolicyParameter.UNREACHABLE_CONDITIONS;

        assertThat(conditions.atLeastAsStrict(Set.of("NUMBER_INVALID"), all)).isTrue();
        assertThat(conditions.atLeastAsStrict(all, Set.of("NUMBER_INVALID"))).isFalse();
    }

    @Test
    void quietHoursCrossMidnight() {
        LocalTime from = LocalTime.of(22, 0);
        LocalTime to = LocalTime.of(8, 0);

        assertThat(ContactRules.quiet(LocalTime.of(22, 0), from, to)).isTrue();
        assertThat(ContactRules.quiet(LocalTime.of(3, 0), from, to)).isTrue();
        assertThat(ContactRules.quiet(LocalTime.of(7, 59), from, to)).isTrue();
        assertThat(ContactRules.quiet(LocalTime.of(8, 0), from, to)).isFalse();
        assertThat(ContactRules.quiet(LocalTime.of(21, 59), from, to)).isFalse();
        // A window that does not cross midnight (a lunch-time pause, say) works the same way.
        assertThat(ContactRules.quiet(LocalTime.of(12, 30), LocalTime.of(12, 0), LocalTime.of(13, 0))).isTrue();
        assertThat(ContactRules.quiet(LocalTime.of(13, 0), LocalTime.of(12, 0), LocalTime.of(13, 0))).isFalse();
    }

    private static Object value(PolicyParameter parameter, String text) {
        var json = tools.jackson.databind.json.JsonMapper.builder().build();
        String literal = text.matches("-?\\d+|true|false") ? text : "\"" + text + "\"";
        return parameter.read(json.readTree(literal)).orElseThrow();
    }

    private static void assertRefused(String content, String message) {
        List<Resource> files = new ArrayList<>(List.of(file("CN-NIFA-2018.json", content)));
        assertThatThrownBy(() -> new PolicyPacks(files)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(message);
    }

    private static Resource file(String name, String content) {
        return new ByteArrayResource(content.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return name;
            }
        };
    }
}
