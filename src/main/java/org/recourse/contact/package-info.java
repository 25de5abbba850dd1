/**
 * Contact (催收作业): the nightly contact plan — the day's tasks from each case's due steps, each given to the case's
 * holder (the assigned collector, the agency's queue, the institution's queue) — the task lists of collectors and
 * dispatchers, the execution of a task only through a compliance decision (an attempt recorded against its ALLOW
 * completes it), and collectors' adjustments of a case's path from the borrower's feedback (kept by
 * {@link org.recourse.strategy.PathAdjustments}).
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"shared", "registry", "cases", "compliance", "allocation", "strategy", "daily"})
@NullMarked
package org.recourse.contact;

import org.jspecify.annotations.NullMarked;
