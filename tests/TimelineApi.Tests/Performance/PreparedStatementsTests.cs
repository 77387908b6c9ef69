using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using TimelineApi.Data;

namespace TimelineApi.Tests.Performance;

/// <summary>
/// SQLite connections are kept open between uses with the statements they compiled: a statement run again is not
/// compiled again, and what one user of a connection leaves unfinished never reaches the next.
/// </summary>
public sealed class PreparedStatementsTests : IAsyncLifetime
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"prepared-{Guid.NewGuid():N}.db");
    private SqliteDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = new SqliteDatabase($"Data Source={_path}", Path.GetTempPath());
        await using var connection = await _db.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL);");
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }

    /// <summary>The SQLite handle under a connection the database gave (its engine's connection, wrapped).</summary>
    private static SQLitePCL.sqlite3 HandleOf(DbConnection connection)
        => ((SqliteConnection)connection.GetType().GetProperty("Inner")!.GetValue(connection)!).Handle!;

    [Fact]
    public async Task AStatementRunAgainOnAKeptConnectionIsNotCompiledAgain()
    {
        // SQLite asks a connection's authorizer about a statement while compiling it, never while running it.
        var asked = 0;
        await using (var first = await _db.OpenAsync(CancellationToken.None))
        {
            SQLitePCL.strdelegate_authorizer count = (_, _, _, _, _, _) =>
            {
                asked++;
                return SQLitePCL.raw.SQLITE_OK;
            };
            SQLitePCL.raw.sqlite3_set_authorizer(HandleOf(first), count, null);
        }

        const string sql = "SELECT count(*) FROM notes WHERE id > @id;";
        var askedAfter = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            await using var connection = await _db.OpenAsync(CancellationToken.None);
            Assert.Equal(0, await connection.ExecuteScalarAsync<long>(sql, new { id = i }));
            askedAfter.Add(asked);
        }

        Assert.True(askedAfter[0] > 0, "the first run compiles the statement");
        Assert.Equal([askedAfter[0], askedAfter[0], askedAfter[0]], askedAfter);
    }

    [Fact]
    public async Task TwoReadersOfTheSameSqlAtOnceEachHaveTheirOwnStatement()
    {
        await using (var connection = await _db.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("INSERT INTO notes (text) VALUES ('a'), ('b'), ('c');");
        }

        const string sql = "SELECT text FROM notes ORDER BY id;";
        await using var shared = await _db.OpenAsync(CancellationToken.None);
        var pairs = new List<string>();
        await using (var outer = shared.CreateCommand())
        {
            outer.CommandText = sql;
            await using var outerRows = await outer.ExecuteReaderAsync();
            while (await outerRows.ReadAsync())
            {
                var inner = await shared.QueryAsync<string>(sql);
                pairs.Add(outerRows.GetString(0) + string.Concat(inner));
            }
        }

        Assert.Equal(["aabc", "babc", "cabc"], pairs);
    }

    [Fact]
    public async Task ATransactionLeftOpenIsRolledBackBeforeTheConnectionIsUsedAgain()
    {
        await using (var connection = await _db.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("BEGIN IMMEDIATE; INSERT INTO notes (text) VALUES ('never committed');");
        }

        await using var next = await _db.OpenAsync(CancellationToken.None);
        Assert.Equal(0, await next.ExecuteScalarAsync<long>("SELECT count(*) FROM notes;"));
        Assert.Equal(1, SQLitePCL.raw.sqlite3_get_autocommit(HandleOf(next)));

        // And the write lock went with it: another connection can write.
        await using var other = await _db.OpenAsync(CancellationToken.None);
        Assert.Equal(1, await other.ExecuteAsync("INSERT INTO notes (text) VALUES ('written');"));
    }

    [Fact]
    public async Task ParametersOfOneRunDoNotCarryIntoTheNext()
    {
        await using (var connection = await _db.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("INSERT INTO notes (text) VALUES (@text);", new { text = "first" });
        }

        await using var again = await _db.OpenAsync(CancellationToken.None);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => again.ExecuteAsync("INSERT INTO notes (text) VALUES (@text);"));
        Assert.Contains("text", error.Message, StringComparison.Ordinal);
        Assert.Equal(["first"], await again.QueryAsync<string>("SELECT text FROM notes;"));
    }
}
