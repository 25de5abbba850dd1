package org.recourse.shared;

import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The 18-character unified social credit code (统一社会信用代码, GB 32100-2015) that identifies a creditor organisation.
 *
 * @param value the code, upper case, with a correct check character
 */
public record UnifiedSocialCreditCode(String value) {

    /** The 31 code characters in value order; I, O, S, V and Z are left out because they read like digits. */
    private static final String CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static final int MODULUS = 31;

    /** Wi = 3^(i-1) mod 31 for positions 1 to 17, as tabulated in the standard. */
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private static final Pattern SHAPE =
            Pattern.compile("^[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}$");

    private static final Pattern PREFIX_SHAPE =
            Pattern.compile("^[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{9}$");

    public UnifiedSocialCreditCode {
        // The value is deliberately left out of the message: the exception may reach a log or a page.
        if (!isValid(value)) {
            throw new IllegalArgumentException("Not a valid unified social credit code (GB 32100-2015)");
        }
    }

    /** Whether the candidate is exactly a valid code (upper case, no surrounding spaces); never throws. */
    public static boolean isValid(@Nullable String candidate) {
        if (candidate == null || !SHAPE.matcher(candidate).matches()) {
            return false;
        }
        return candidate.charAt(17) == checkCharacter(candidate);
    }

    /** Reads a code as a person typed it, tolerating surrounding spaces and lower case. */
    public static UnifiedSocialCreditCode parse(@Nullable String raw) {
        if (raw == null) {
            throw new IllegalArgumentException("A unified social credit code is required");
        }
        return new UnifiedSocialCreditCode(raw.strip().toUpperCase(Locale.ROOT));
    }

    /** Completes the first 17 characters of a code with its check character, so that fixtures can make valid codes. */
    public static String withCheckCharacter(String first17) {
        if (!PREFIX_SHAPE.matcher(first17).matches()) {
            throw new IllegalArgumentException(
                    "Expected the first 17 characters of a unified social credit code (2 characters, 6 digits, 9 characters)");
        }
        return first17 + checkCharacter(first17);
    }

    /** Computes C18 from positions 1 to 17, which must already be known to be charset characters. */
    private static char checkCharacter(String code) {
        int sum = 0;
        for (int i = 0; i < WEIGHTS.length; i++) {
            sum += CHARSET.indexOf(code.charAt(i)) * WEIGHTS[i];
        }
        // 31 - (sum mod 31) lies in 1..31, and the standard writes 31 as the character for 0.
        int check = (MODULUS - sum % MODULUS) % MODULUS;
        return CHARSET.charAt(check);
    }
}
