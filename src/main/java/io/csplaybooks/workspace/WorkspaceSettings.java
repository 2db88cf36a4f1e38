package io.csplaybooks.workspace;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What a CS team tunes about the workspace ({@code csp.workspace}).
 *
 * @param storyHealthPoints the account's story tells of a scoring that moved the health score by this
 *     many points or more from the scoring before (or changed its band)
 */
@ConfigurationProperties("csp.workspace")
record WorkspaceSettings(int storyHealthPoints) {}
