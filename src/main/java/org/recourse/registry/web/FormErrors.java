package org.recourse.registry.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.recourse.shared.Problem;
import org.springframework.ui.Model;

/**
 * Puts a refused form's field errors into the model as {@code errors: field → code} for the templates. An item
 * of a list ({@code products[2]}) is shown on the list's one field ({@code products}).
 */
final class FormErrors {

    private FormErrors() {
    }

    static void show(Model model, Problem problem) {
        Map<String, String> errors = new LinkedHashMap<>();
        problem.fieldErrors().forEach(error -> errors.putIfAbsent(error.field().replaceFirst("\\[\\d+]$", ""),
                error.code()));
        model.addAttribute("errors", errors);
        model.addAttribute("problem", problem.code());
    }
}
