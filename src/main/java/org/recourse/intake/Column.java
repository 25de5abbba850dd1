package org.recourse.intake;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * The columns of the intake template, with the English and Chinese header names that are accepted in
 * any order, and whether a file must have them. The JSON API uses the camelCase form of the names.
 */
enum Column {

    ACCOUNT_REF("account_ref", "借据号", true),
    PRODUCT("product", "产品", true),
    BORROWER_NAME("borrower_name", "姓名", true),
    ID_NUMBER("id_number", "身份证号", true),
    MOBILE("mobile", "手机号", true),
    OTHER_PHONES("other_phones", "其他电话", false),
    ADDRESS("address", "地址", false),
    PROVINCE("province", "省", false),
    CITY("city", "市", false),
    EMERGENCY_CONTACT_NAME("emergency_contact_name", "紧急联系人", false),
    EMERGENCY_CONTACT_RELATION("emergency_contact_relation", "关系", false),
    EMERGENCY_CONTACT_PHONE("emergency_contact_phone", "紧急联系人电话", false),
    LOAN_AMOUNT("loan_amount", "借款金额", true),
    TERM_MONTHS("term_months", "期数", true),
    LOAN_DATE("loan_date", "放款日", true),
    DUE_DATE("due_date", "最早逾期应还日", true),
    PRINCIPAL_OUTSTANDING("principal_outstanding", "剩余本金", true),
    INTEREST_OUTSTANDING("interest_outstanding", "利息", true),
    FEES_OUTSTANDING("fees_outstanding", "费用", true),
    PENALTY_OUTSTANDING("penalty_outstanding", "罚息", true),
    CURRENCY("currency", "币种", false),
    EMAIL("email", "电子邮箱", false);

    private static final Map<String, Column> BY_HEADER = Stream.of(values())
            .flatMap(column -> Stream.of(Map.entry(column.english, column), Map.entry(column.chinese, column),
                    Map.entry(column.camelCase(), column)))
            .collect(Collectors.toMap(e -> normalise(e.getKey()), Map.Entry::getValue, (a, b) -> a));

    private final String english;
    private final String chinese;
    private final boolean required;

    Column(String english, String chinese, boolean required) {
        this.english = english;
        this.chinese = chinese;
        this.required = required;
    }

    /** The column a header cell names, ignoring case, surrounding blanks and a trailing required-mark {@code *}. */
    static @Nullable Column forHeader(String header) {
        return BY_HEADER.get(normalise(header));
    }

    /** The column's name as a reader of {@code locale} knows it from the template: Chinese or English. */
    static String label(String field, java.util.Locale locale) {
        Column column = forHeader(field);
        if (column == null) {
            return field;
        }
        return "zh".equals(locale.getLanguage()) ? column.chinese : column.english;
    }

    String english() {
        return english;
    }

    String chinese() {
        return chinese;
    }

    boolean required() {
        return required;
    }

    /** The field name used in error reports and in the JSON API, e.g. {@code idNumber}. */
    String camelCase() {
        StringBuilder name = new StringBuilder();
        boolean upper = false;
        for (char c : english.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                name.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return name.toString();
    }

    private static String normalise(String header) {
        String trimmed = header.strip();
        if (trimmed.endsWith("*")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1).strip();
        }
        return trimmed.replace('\uFEFF', ' ').strip().toLowerCase(Locale.ROOT);
    }
}
