package org.recourse.allocation;

/** The outsourcing notice to the borrower (CN.OUTSOURCING_NOTICE): to be sent, or sent (when and how recorded). */
public enum NoticeStatus { PENDING, SENT }
