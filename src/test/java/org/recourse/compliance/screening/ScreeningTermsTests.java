package org.recourse.compliance.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The term list as data: the shipped list loads, and a list with a mistake in it is refused whole. */
class ScreeningTermsTests {

    private static final String WORD_LISTS = """
            [negators]
            不会
            [consequence-markers]
            就
            [governed-verbs]
            还
            """;

    @Test
    void loadsTheShippedListWithARuleForEveryListedCategory() {
        ScreeningTerms terms = ScreeningTerms.load(ScreeningDesk.TERMS);

        assertThat(terms.version()).isEqualTo("1");
        Set<ScreeningCategory> categories = terms.rules().stream().map(ScreeningTerms.Rule::category)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(ScreeningCategory.class)));
        assertThat(categories).containsExactlyInAnyOrder(ScreeningCategory.C1, ScreeningCategory.C2,
                ScreeningCategory.C3, ScreeningCategory.C4, ScreeningCategory.C5, ScreeningCategory.C6,
                ScreeningCategory.C7, ScreeningCategory.C8);
        assertThat(terms.rules()).filteredOn(ScreeningTerms.Rule::thirdPartyOnly).singleElement()
                .satisfies(rule -> assertThat(rule.negatable()).isFalse());
    }

    @Test
    void foldsTermsAsTheTextIsFolded() {
        ScreeningTerms terms = parse("""
                version 7
                [rule CONTENT.C1_TEST BLOCK]
                Kill You, ＨＵＲＴ
                """ + WORD_LISTS);

        assertThat(terms.rules().get(0).terms()).containsExactly("kill you", "hurt");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no version                 | [rule CONTENT.C1_TEST BLOCK]\\n打死                              | rule before the version line
            term before any rule       | version 1\\n打死                                                 | terms before any
            a term listed twice        | version 1\\n[rule CONTENT.C1_TEST BLOCK]\\n打死, 打死            | listed twice
            an empty term              | version 1\\n[rule CONTENT.C1_TEST BLOCK]\\n打死,,砍             | empty term
            a clause boundary in a term| version 1\\n[rule CONTENT.C1_TEST BLOCK]\\n打死!                 | clause boundary
            an unknown flag            | version 1\\n[rule CONTENT.C1_TEST BLOCK loud]\\n打死             | unknown flags
            a category not listed      | version 1\\n[rule CONTENT.C10_TEST BLOCK]\\n打死                 | not screened from a term list
            a rule twice               | version 1\\n[rule CONTENT.C1_TEST BLOCK]\\n打死\\n[rule CONTENT.C1_TEST BLOCK]\\n砍 | a second rule
            an unknown section         | version 1\\n[synonyms]\\n打死                                    | unknown section
            a rule without terms       | version 1\\n[rule CONTENT.C1_TEST BLOCK]                          | has no terms
            """)
    void refusesAListWithAMistake(String mistake, String text, String message) {
        String source = text.replace("\\n", "\n") + "\n" + (text.contains("[rule") ? WORD_LISTS : "");
        assertThatThrownBy(() -> parse(source)).isInstanceOf(IllegalStateException.class).hasMessageContaining(message);
    }

    @Test
    void refusesAListWithoutTheWordsOfTheNegationCheck() {
        assertThatThrownBy(() -> parse("version 1\n[rule CONTENT.C1_TEST BLOCK]\n打死\n"))
                .hasMessageContaining("no [negators]");
    }

    private static ScreeningTerms parse(String text) {
        return ScreeningTerms.parse(new StringReader(text), "test");
    }
}
