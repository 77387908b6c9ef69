using System.Security.Cryptography;
using System.Text;
using Dapper;
using TimelineApi.Common;
using TimelineApi.Data;

namespace TimelineApi.Auth;

/// <summary>An API key as stored: its name, what it may do, and whether it was revoked. Never the key itself.</summary>
public sealed record ApiKeyInfo(string Name, string Scope, string CreatedAt, string? RevokedAt);

/// <summary>
/// API keys: random, shown once at creation, stored only as their SHA-256 hash, and checked by
/// comparing hashes in constant time.
/// </summary>
public sealed class ApiKeyStore(Database db, TimeProvider time)
{
    public const string WriteScope = "write";
    public const string ReadScope = "read";
    private const string Prefix = "tla_";

    private const string Insert = "INSERT INTO api_keys (name, key_hash, scope, created_at) VALUES (@name, @hash, @scope, @now);";
    private const string Revoke = "UPDATE api_keys SET revoked_at = @now WHERE name = @name AND revoked_at IS NULL;";
    private const string SelectAll = "SELECT name, scope, created_at, revoked_at FROM api_keys ORDER BY name;";
    private const string SelectByHash = "SELECT name, key_hash, scope, created_at, revoked_at FROM api_keys WHERE key_hash = @hash;";

    /// <summary>Creates a key and returns it: the only time it is ever seen.</summary>
    public async Task<string?> CreateAsync(string name, string scope, CancellationToken ct)
    {
        var key = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await using var connection = await db.OpenAsync(ct);
        var exists = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM api_keys WHERE name = @name;", new { name }, cancellationToken: ct));
        if (exists > 0)
        {
            return null;
        }

        await connection.ExecuteAsync(new CommandDefinition(Insert, new { name, hash = Hash(key), scope, now = time.Now() }, cancellationToken: ct));
        return key;
    }

    public async Task<bool> RevokeAsync(string name, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(Revoke, new { name, now = time.Now() }, cancellationToken: ct)) > 0;
    }

    public async Task<List<ApiKeyInfo>> ListAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<ApiKeyInfo>(new CommandDefinition(SelectAll, cancellationToken: ct))).AsList();
    }

    /// <summary>The key a presented secret belongs to, or null. Every stored hash is compared, in constant time.</summary>
    public async Task<ApiKeyInfo?> FindAsync(string presented, CancellationToken ct)
    {
        // Looked up by its hash on the unique index: one row, whatever the number of keys. A hash of a random
        // key tells a timing observer nothing it could use; the comparison is constant-time all the same.
        var hash = Hash(presented);
        await using var connection = await db.OpenAsync(ct);
        var key = await connection.QuerySingleOrDefaultAsync<(string Name, byte[] KeyHash, string Scope, string CreatedAt, string? RevokedAt)?>(
            new CommandDefinition(SelectByHash, new { hash }, cancellationToken: ct));
        return key is { } k && CryptographicOperations.FixedTimeEquals(k.KeyHash, hash)
            ? new ApiKeyInfo(k.Name, k.Scope, k.CreatedAt, k.RevokedAt)
            : null;
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
