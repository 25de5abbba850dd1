package org.recourse.compliance.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.recourse.shared.Problem;
import org.springframework.ui.Model;

/**
 * Puts a refused form's problem into the model: the field errors as {@code errors: field → code} and the
 * problem's code and arguments for the message above the form (as the case pages do).
 */
final class FormProblems {

    private FormProblems() {
    }

    static void show(Model model, Problem problem) {
        Map<String, String> errors = new LinkedHashMap<>();
        problem.fieldErrors().forEach(error -> errors.putIfAbsent(error.field(), error.code()));
        model.addAttribute("errors", errors);
        model.addAttribute("problem", problem.code());
        model.addAttribute("problemArguments", problem.arguments());
    }
}
