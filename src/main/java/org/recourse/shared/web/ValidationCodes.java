package org.recourse.shared.web;

import java.util.Map;

import org.springframework.validation.FieldError;

/**
 * Turns a Bean Validation failure into the stable field code clients see. Our own constraints carry the
 * code as their message template ({@code {code}} without braces is not used, so the template is the code);
 * the standard ones map by annotation name.
 */
final class ValidationCodes {

    private static final Map<String, String> STANDARD = Map.of(
            "NotNull", "required",
            "NotBlank", "required",
            "NotEmpty", "required",
            "Size", "length",
            "Pattern", "format",
            "Email", "format");

    private ValidationCodes() {
    }

    static String of(FieldError error) {
        String[] codes = error.getCodes();
        String annotation = codes == null || codes.length == 0 ? "" : codes[codes.length - 1];
        String standard = STANDARD.get(annotation);
        if (standard != null) {
            return standard;
        }
        String message = error.getDefaultMessage();
        return message != null && message.matches("[a-z_.]+") ? message : "invalid";
    }
}
