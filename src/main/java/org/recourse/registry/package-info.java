/**
 * Who is on the platform: the platform operator, the institutions (creditors) and the collection agencies
 * that register and are verified, the people who sign in for them, with their roles, and the entrustment
 * contracts the institutions sign with agencies ({@link org.recourse.registry.Contracts} is how other modules
 * read them). Sign-in itself (password hashing, lock-out after repeated failures, why a sign-in is refused)
 * lives here too, because it is about these people and organisations.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "shared")
@NullMarked
package org.recourse.registry;

import org.jspecify.annotations.NullMarked;
