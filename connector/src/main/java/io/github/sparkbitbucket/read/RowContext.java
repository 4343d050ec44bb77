package io.github.sparkbitbucket.read;

/**
 * What a row was listed under: fills the context columns (workspace, repository, parent id).
 *
 * @param parentId the parent pull request or issue id, or null
 */
public record RowContext(String workspace, String repository, Integer parentId) {}
