using System.Data.Common;
using Dapper;

namespace TimelineApi.Data;

/// <summary>
/// A read model kept in step with the records: a stored copy of what the API serves for each row of a table, rewritten
/// in the transaction of every write that changes what it shows, and built in short transactions at start-up where
/// rows lack it. A feature registers its own as a service (<c>AddSingleton&lt;ReadModel, …&gt;</c>); the writer of
/// records (<see cref="RecordWriter"/>) tells every registered model what each write changed, and
/// <see cref="DatabaseInitializer"/> builds them.
/// </summary>
public abstract class ReadModel
{
    /// <summary>How many rows one statement of a refresh, and one short transaction of a build, covers.</summary>
    protected const int Batch = 500;

    /// <summary>The table whose rows hold the model (an <c>id</c> column, the model's documents).</summary>
    protected abstract string Table { get; }

    /// <summary>The condition a row that lacks the model meets (its documents not built yet).</summary>
    protected abstract string MissingCondition { get; }

    /// <summary>The ids of the model's rows in id order after <c>@after</c>, at most <c>@limit</c>.</summary>
    protected virtual string AllAfter => $"SELECT id FROM {Table} WHERE id > @after ORDER BY id LIMIT @limit;";

    /// <summary>The ids of the rows that lack the model, in id order after <c>@after</c>, at most <c>@limit</c>.</summary>
    protected virtual string Missing => $"SELECT id FROM {Table} WHERE ({MissingCondition}) AND id > @after ORDER BY id LIMIT @limit;";

    /// <summary>The resource whose records the model's rows are (<see cref="RecordWriter.Event"/>, …).</summary>
    protected abstract string Resource { get; }

    /// <summary>
    /// For each other resource the model shows something of (a participant's name), the SQL that selects the ids of
    /// the model's rows showing any of the records <c>@ids</c> (a JSON array).
    /// </summary>
    protected virtual IReadOnlyDictionary<string, DialectSql> Shows => new Dictionary<string, DialectSql>();

    /// <summary>
    /// Brings the model in step with a write of the <paramref name="resource"/> records <paramref name="ids"/>, inside
    /// the write's transaction on <paramref name="connection"/>: the rows that are those records, or that show them.
    /// </summary>
    public virtual async Task WrittenAsync(DbConnection connection, string resource, IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        if (resource == Resource)
        {
            await RefreshAsync(connection, ids, ct);
        }
        else if (Shows.TryGetValue(resource, out var showing))
        {
            var rows = (await connection.QueryAsync<string>(new CommandDefinition(
                showing.For(connection), new { ids = System.Text.Json.JsonSerializer.Serialize(ids) }, cancellationToken: ct))).AsList();
            await RefreshAsync(connection, rows, ct);
        }
    }

    /// <summary>Rebuilds the model's rows <paramref name="ids"/> from the records, inside the caller's transaction.</summary>
    protected abstract Task RefreshAsync(DbConnection connection, IReadOnlyCollection<string> ids, CancellationToken ct);

    /// <summary>Rebuilds every row of the model, one short write per batch; returns how many.</summary>
    public Task<int> RebuildAllAsync(Database db, CancellationToken ct) => BuildAsync(db, AllAfter, ct);

    /// <summary>Builds the rows that lack the model (after the migration that adds it), one short write per batch; returns how many.</summary>
    public Task<int> BuildMissingAsync(Database db, CancellationToken ct) => BuildAsync(db, Missing, ct);

    /// <summary>Refreshes the rows <paramref name="idsAfter"/> selects, batch by batch in id order, each batch in a short write of its own.</summary>
    private async Task<int> BuildAsync(Database db, string idsAfter, CancellationToken ct)
    {
        var built = 0;
        var after = string.Empty;
        while (true)
        {
            await using var write = db.BeginWrite();
            var connection = await write.ConnectionAsync(ct);
            var ids = (await connection.QueryAsync<string>(new CommandDefinition(idsAfter, new { after, limit = Batch }, cancellationToken: ct))).AsList();
            if (ids.Count == 0)
            {
                return built;
            }

            await RefreshAsync(connection, ids, ct);
            await write.CommitAsync(ct);
            built += ids.Count;
            after = ids[^1];
        }
    }
}
