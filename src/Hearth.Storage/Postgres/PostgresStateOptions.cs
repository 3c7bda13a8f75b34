namespace Hearth.Storage.Postgres;

/// <summary>
/// Where the <c>postgres</c> state backend keeps the state: the lab's
/// <c>state: { backend: postgres, conn_str: "…", schema: hearth }</c>. One schema holds any number of workspaces,
/// one row each.
/// </summary>
/// <param name="ConnectionString">
/// An Npgsql connection string (<c>Host=…;Port=…;Database=…;Username=…;Password=…</c>). It may hold a password, so
/// it never appears in a message, a log line or <see cref="ToString"/>.
/// </param>
/// <param name="Schema">The schema of the state tables, created when missing.</param>
/// <param name="Workspace">The row of this lab's state and lock within the schema.</param>
public sealed record PostgresStateOptions(string ConnectionString, string Schema, string Workspace = "default")
{
    /// <summary>The schema and workspace only: the connection string may hold a password.</summary>
    public override string ToString() => $"postgres schema {Schema}, workspace {Workspace}";
}
