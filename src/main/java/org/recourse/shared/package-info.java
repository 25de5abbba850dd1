/**
 * What every module may use: validators for the identifiers of Chinese finance (unified social credit
 * code, phone numbers), masking and encryption of personal data, the platform clock, the database
 * bootstrap, and the error vocabulary that the web edge turns into RFC 9457 problem details.
 * Deliberately small: a type lands here only when two modules need it.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
@NullMarked
package org.recourse.shared;

import org.jspecify.annotations.NullMarked;
