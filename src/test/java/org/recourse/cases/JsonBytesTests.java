package org.recourse.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/** Content hashes of rows loaded before depend on these bytes: they must stay Jackson's, byte for byte. */
class JsonBytesTests {

    private final JsonMapper jackson = JsonMapper.builder().build();

    @ParameterizedTest
    @ValueSource(strings = {"张三", "O'Brien \"Bob\"", "back\\slash", "tab\there", "line\nbreak\r\n", "bell\u0007",
            "nul\u0000", "unit\u001f", "emoji 😀 and 𠀀", "/slash/", "\u2028\u2029", "é", "", "混合 mixed \"引号\""})
    void writesWhatJacksonWrites(String value) {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("mobile", value);
        expected.put("otherPhones", List.of(value, "x"));
        expected.put("address", null);
        expected.put("emergencyContactName", value);

        byte[] written = new JsonBytes().begin().field("mobile", value).field("otherPhones", List.of(value, "x"))
                .field("address", (String) null).field("emergencyContactName", value).end();

        // Bytes, not decoded text: the keyed content hash is taken over these bytes.
        assertThat(written).isEqualTo(jackson.writeValueAsBytes(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "张三"})
    void startsAfreshForEveryDocument(String value) {
        JsonBytes json = new JsonBytes();
        json.begin().field("a", "first document, longer than the second").end();

        assertThat(new String(json.begin().field("name", value).field("list", List.of()).end(), StandardCharsets.UTF_8))
                .isEqualTo("{\"name\":\"" + value + "\",\"list\":[]}");
    }
}
