package org.recourse.intake.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.recourse.intake.BatchView;
import org.recourse.intake.IntakeDesk;
import org.recourse.intake.IntakeProblem;
import org.recourse.intake.IntakeTemplate;
import org.recourse.registry.SignedInUser;
import org.springframework.http.ContentDisposition;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/** Institution users upload account files, watch them being read, and download what was refused. */
@Controller
class IntakePages {

    private final IntakeDesk desk;

    IntakePages(IntakeDesk desk) {
        this.desk = desk;
    }

    @GetMapping("/intake")
    String upload(@AuthenticationPrincipal SignedInUser user, Model model) {
        model.addAttribute("batches", desk.latest(user));
        return "intake/upload";
    }

    @PostMapping("/intake/upload")
    String receive(@RequestParam("file") MultipartFile file, @AuthenticationPrincipal SignedInUser user, Model model)
            throws IOException {
        try (InputStream content = file.getInputStream()) {
            BatchView batch = desk.receiveFile(user, content, file.getOriginalFilename(), null).batch();
            return "redirect:/intake/batches/" + batch.batchId();
        } catch (IntakeProblem problem) {
            model.addAttribute("problem", problem.code());
            model.addAttribute("problemArguments", problem.arguments());
            return upload(user, model);
        }
    }

    @GetMapping("/intake/batches/{id}")
    String batch(@PathVariable UUID id, @AuthenticationPrincipal SignedInUser user, Model model, Locale locale) {
        BatchView batch = desk.batch(user, id);
        model.addAttribute("batch", batch);
        model.addAttribute("errors", batch.finished() ? desk.errors(user, id, locale).stream().limit(200).toList()
                : java.util.List.of());
        return "intake/batch";
    }

    /** The progress card alone, polled by htmx until the batch is finished. */
    @GetMapping("/intake/batches/{id}/progress")
    String progress(@PathVariable UUID id, @AuthenticationPrincipal SignedInUser user, Model model,
                    HttpServletResponse response) {
        BatchView batch = desk.batch(user, id);
        model.addAttribute("batch", batch);
        if (batch.finished()) {
            // Finished: reload the whole page so the result and the error table appear.
            response.setHeader("HX-Refresh", "true");
        }
        return "intake/batch :: progress";
    }

    @GetMapping("/intake/batches/{id}/rejected.{format:csv|xlsx}")
    void rejectedRows(@PathVariable UUID id, @PathVariable String format, @AuthenticationPrincipal SignedInUser user,
                      Locale locale, HttpServletResponse response) throws IOException {
        desk.batch(user, id); // another institution's batch is not found before anything is written
        download(response, format, "rejected-" + id + "." + format);
        desk.writeRejectedRows(user, id, format, locale, response.getOutputStream());
    }

    @GetMapping("/intake/template.{format:csv|xlsx}")
    void template(@PathVariable String format, Locale locale, HttpServletResponse response) throws IOException {
        download(response, format, "recourse-accounts-template." + format);
        IntakeTemplate.write(format, locale, response.getOutputStream());
    }

    private static void download(HttpServletResponse response, String format, String fileName) {
        response.setContentType("xlsx".equals(format)
                ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition",
                ContentDisposition.attachment().filename(fileName, StandardCharsets.UTF_8).build().toString());
    }
}
