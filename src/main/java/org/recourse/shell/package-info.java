/**
 * The web shell: the layout every page shares, navigation by role, the language switch (zh-CN first,
 * English second), the home page people land on after signing in, and error pages.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "registry"})
@NullMarked
package org.recourse.shell;

import org.jspecify.annotations.NullMarked;
