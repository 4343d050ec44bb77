package io.github.sparkbitbucket.table;

import java.io.Serializable;

/**
 * For tables listed under a parent object (comments under a pull request or an issue): how to
 * list the parents' ids.
 *
 * @param table the parent table's name ({@code pullrequests})
 * @param column the child column holding the parent id ({@code pullrequest_id})
 */
public record ParentDef(String table, String column) implements Serializable {}
