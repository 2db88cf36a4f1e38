package io.csplaybooks.workspace;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A controller of another package whose handlers are workspace pages, as every handler of this
 * package is: each is behind the workspace's door (a signed-in person the page's
 * {@link WorkspaceAccess.Page audience} admits, no caching, no framing) and shows its refusals as a
 * page in the person's language. The studio's pages are such a controller.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface WorkspacePages {}
