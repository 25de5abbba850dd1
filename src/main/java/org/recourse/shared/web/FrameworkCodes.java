package org.recourse.shared.web;

/** Stable codes for errors that the framework raises before our code runs (unknown path, wrong method …). */
final class FrameworkCodes {

    private FrameworkCodes() {
    }

    static String forStatus(int status) {
        return switch (status) {
            case 400 -> "malformed_request";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            default -> status >= 500 ? "internal_error" : "http_" + status;
        };
    }
}
