package org.recourse.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * A file's header is read as people write it: English or Chinese names, any order, any case, a required-mark
 * {@code *}, a stray byte-order mark; what is unknown is named, what is missing refuses the file.
 */
class HeaderMappingTests {

    @Test
    void findsEveryColumnByItsEnglishOrChineseNameInAnyOrder() {
        List<String> chinese = IntakeTemplate.header(Locale.SIMPLIFIED_CHINESE);
        List<String> english = IntakeTemplate.header(Locale.ENGLISH);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < chinese.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(3));
        List<String> header = new ArrayList<>();
        for (int i : order) {
            // Every other column in Chinese, marked required or not as the template does.
            header.add(i % 2 == 0 ? chinese.get(i) : english.get(i));
        }

        HeaderMapping mapping = HeaderMapping.of(header);

        assertThat(mapping.missingColumns()).isEmpty();
        assertThat(mapping.unknownColumns()).isEmpty();
        for (Column column : Column.values()) {
            assertThat(mapping.has(column)).as(column.name()).isTrue();
            List<String> row = new ArrayList<>(Collections.nCopies(header.size(), ""));
            row.set(order.indexOf(column.ordinal()), "value of " + column.english());
            assertThat(mapping.cell(row, column)).isEqualTo("value of " + column.english());
        }
    }

    @Test
    void ignoresCaseBlanksTheRequiredMarkAndAByteOrderMark() {
        HeaderMapping mapping = HeaderMapping.of(List.of("\uFEFFAccount_Ref", " PRODUCT * ", "姓名*", "idNumber",
                "mobile", "借款金额", "期数", "放款日", "最早逾期应还日", "剩余本金", "利息", "费用", "罚息"));

        assertThat(mapping.missingColumns()).isEmpty();
        assertThat(mapping.cell(List.of("LN1", "现金贷"), Column.ACCOUNT_REF)).isEqualTo("LN1");
        assertThat(mapping.cell(List.of("LN1", "现金贷"), Column.PRODUCT)).isEqualTo("现金贷");
    }

    @Test
    void namesUnknownAndRepeatedColumnsAndReadsTheFirstOfARepeat() {
        HeaderMapping mapping = HeaderMapping.of(List.of("account_ref", "备注", "account_ref", "", "remark"));

        assertThat(mapping.unknownColumns()).containsExactly("备注", "remark");
        assertThat(mapping.duplicateColumns()).containsExactly(Column.ACCOUNT_REF);
        assertThat(mapping.cell(List.of("first", "x", "second"), Column.ACCOUNT_REF)).isEqualTo("first");
    }

    @Test
    void listsTheRequiredColumnsThatAreMissingButNotTheOptionalOnes() {
        List<String> header = new ArrayList<>(SampleAccounts.COLUMNS);
        header.removeAll(List.of("id_number", "mobile", "address", "currency"));

        HeaderMapping mapping = HeaderMapping.of(header);

        assertThat(mapping.missingColumns()).containsExactly(Column.ID_NUMBER, Column.MOBILE);
        assertThat(mapping.cell(new ArrayList<>(SampleAccounts.COLUMNS), Column.ADDRESS)).isEmpty();
    }

    @Test
    void readsAShortRowAsEmptyCells() {
        HeaderMapping mapping = HeaderMapping.of(SampleAccounts.COLUMNS);

        assertThat(mapping.cell(List.of("LN1"), Column.CURRENCY)).isEmpty();
        assertThat(mapping.cell(List.of("LN1"), Column.ACCOUNT_REF)).isEqualTo("LN1");
    }
}
