package org.recourse.shell.web;

import jakarta.servlet.http.HttpServletResponse;
import org.recourse.shared.Problem;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** A business refusal on a page (not found, already decided …) shows the error page with its message. */
@ControllerAdvice(annotations = Controller.class)
class PageProblems {

    @ExceptionHandler(Problem.class)
    String show(Problem problem, Model model, HttpServletResponse response) {
        int status = switch (problem.kind()) {
            case INVALID -> 400;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case FORBIDDEN -> 403;
            case UNPROCESSABLE -> 422;
            case PAYLOAD_TOO_LARGE -> 413;
        };
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("code", problem.code());
        model.addAttribute("arguments", problem.arguments());
        return "error";
    }
}
