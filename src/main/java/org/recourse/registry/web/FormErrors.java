package org.recourse.registry.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.recourse.shared.Problem;
import org.springframework.ui.Model;

/** Puts a refused form's field errors into the model as {@code errors: field → code} for the templates. */
final class FormErrors {

    private FormErrors() {
    }

    static void show(Model model, Problem problem) {
        Map<String, String> errors = new LinkedHashMap<>();
        problem.fieldErrors().forEach(error -> errors.putIfAbsent(error.field(), error.code()));
        model.addAttribute("errors", errors);
        model.addAttribute("problem", problem.code());
    }
}
