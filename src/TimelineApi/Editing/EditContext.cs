using System.Text.RegularExpressions;
using Dapper;
using System.Data.Common;
using TimelineApi.Common;
using TimelineApi.Auth;
using TimelineApi.Data;

namespace TimelineApi.Editing;

/// <summary>
/// One write in progress: its connection, its writer, the key that makes it, and the problems found so far. A
/// request's write starts with <see cref="BeginAsync"/>, which puts the request's <see cref="DbSession"/> in a write
/// holding the write lock until <see cref="CommitAsync"/> (or disposal, which rolls back); the importer checks its
/// lines with one on the connection of a write of its own, which it commits itself.
/// </summary>
public sealed partial class EditContext(DbConnection connection, string keyName, TimeProvider time, IEnumerable<ReadModel> readModels) : IAsyncDisposable
{
    private DbSession.WriteScope? _scope;

    /// <summary>
    /// Starts the write of a request, under its key: every read until the commit (the stores' too) sees the data
    /// as this write leaves it, and no other writer can change it meanwhile.
    /// </summary>
    public static async Task<EditContext> BeginAsync(HttpContext http, CancellationToken ct)
    {
        var scope = http.RequestServices.GetRequiredService<DbSession>().BeginWrite();
        try
        {
            var services = http.RequestServices;
            return new EditContext(await scope.ConnectionAsync(ct), http.KeyName(), services.GetRequiredService<TimeProvider>(), services.GetServices<ReadModel>()) { _scope = scope };
        }
        catch
        {
            await scope.DisposeAsync();
            throw;
        }
    }

    /// <summary>Commits the write begun by <see cref="BeginAsync"/>.</summary>
    public Task CommitAsync(CancellationToken ct)
        => _scope?.CommitAsync(ct) ?? throw new InvalidOperationException("This write's transaction belongs to its caller.");

    public ValueTask DisposeAsync() => _scope?.DisposeAsync() ?? ValueTask.CompletedTask;

    /// <summary>The day of the write (UTC).</summary>
    public string Today { get; } = time.Today();

    public DbConnection Connection { get; } = connection;
    public string KeyName { get; } = keyName;
    public RecordWriter Writer { get; } = new(connection, keyName, time.Now(), readModels);
    public Dictionary<string, List<string>> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>What a meeting write says about the report behind a status change (member <c>report</c> of the body).</summary>
    public string? ReportSource { get; set; }
    public string? ReportNote { get; set; }

    /// <summary>The day the report was published (<c>report.reportedOn</c>), when the write is dated otherwise than by its source or today.</summary>
    public string? ReportedOn { get; set; }

    /// <summary>
    /// The body names the status beside a report with a source or a day: the report says where the meeting stands even
    /// when that did not change. Otherwise a report states only what the write changes, so a report dated in the past
    /// never claims today's status.
    /// </summary>
    public bool ReportStatesStatus { get; set; }

    public bool IsValid => Errors.Count == 0;

    public void Error(string field, string message)
    {
        if (!Errors.TryGetValue(field, out var list))
        {
            Errors[field] = list = [];
        }

        list.Add(message);
    }

    public Task<T?> ScalarAsync<T>(string sql, object parameters, CancellationToken ct)
        => Connection.ExecuteScalarAsync<T?>(new CommandDefinition(sql, parameters, cancellationToken: ct));

    public async Task<List<T>> QueryAsync<T>(string sql, object parameters, CancellationToken ct)
        => (await Connection.QueryAsync<T>(new CommandDefinition(sql, parameters, cancellationToken: ct))).AsList();

    /// <summary>
    /// Whether the write may go on changing <paramref name="id"/>: null when it may, else the answer (404 when there is
    /// no such record, 412 when <c>If-Match</c> does not name its current version).
    /// </summary>
    public async Task<IResult?> CheckVersionAsync(HttpRequest request, string resource, string table, string id, CancellationToken ct)
    {
        var version = await ScalarAsync<long?>($"SELECT version FROM {table} WHERE id = @id;", new { id }, ct);
        return version is null ? Problems.NotFound(resource, id)
            : !ResourceTag.Matches(request, ResourceTag.For(resource, id, version.Value)) ? WriteResults.PreconditionFailed(resource, id)
            : null;
    }

    /// <summary>Whether a new record may take <paramref name="id"/>: null when it may, else the answer (422 when it is no slug, 409 when taken).</summary>
    public async Task<IResult?> CheckNewIdAsync(string resource, string table, string id, CancellationToken ct)
    {
        RequireSlug("id", id);
        return !IsValid ? WriteResults.Unprocessable(this)
            : await ExistsAsync(table, id, ct) ? WriteResults.Conflict($"A {resource} with id '{id}' already exists: change it with PUT or PATCH, or give another id.")
            : null;
    }

    public async Task<bool> ExistsAsync(string table, string id, CancellationToken ct)
        => await ScalarAsync<long>($"SELECT COUNT(*) FROM {table} WHERE id = @id;", new { id }, ct) > 0;

    /// <summary>Checks that every id of <paramref name="ids"/> names a row of <paramref name="table"/>, naming the field of each that does not.</summary>
    public async Task RequireAllAsync(string table, string what, IEnumerable<(string Field, string? Id)> ids, CancellationToken ct)
    {
        foreach (var (field, id) in ids)
        {
            if (id is not null && !await ExistsAsync(table, id, ct))
            {
                Error(field, $"There is no {what} with id '{id}'.");
            }
        }
    }

    public void RequireText(string field, string? value, int maxLength, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Error(field, $"'{field}' is required.");
            }
        }
        else if (value.Length > maxLength)
        {
            Error(field, $"'{field}' is longer than {maxLength} characters.");
        }
        else if (value.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
        {
            Error(field, $"'{field}' contains control characters.");
        }
        else if (!TextKey.IsWellFormed(value))
        {
            Error(field, $"'{field}' is not well-formed Unicode (it has an unpaired surrogate).");
        }
    }

    public void RequireOneOf(string field, string? value, IReadOnlyCollection<string> allowed, bool required = true)
    {
        if (value is null)
        {
            if (required)
            {
                Error(field, $"'{field}' is required: one of {string.Join(", ", allowed)}.");
            }
        }
        else if (!allowed.Contains(value))
        {
            Error(field, $"'{value}' is not a valid {field}. Use one of: {string.Join(", ", allowed)}.");
        }
    }

    public IsoDate? RequireDate(string field, string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (IsoDate.TryParse(value, out var date))
        {
            return date;
        }

        Error(field, $"'{value}' is not a date: use an ISO 8601 day (2022-01-09), month (2022-01) or date-time with offset.");
        return null;
    }

    public void RequireSlug(string field, string? id)
    {
        if (id is null || !SlugPattern().IsMatch(id))
        {
            Error(field, "An id is a slug: 1 to 120 lowercase letters, digits and hyphens, starting with a letter or digit.");
        }
    }

    /// <summary>A readable id made of the given parts.</summary>
    public static string Slug(params string?[] parts)
    {
        var words = string.Join(' ', parts.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => TextKey.Normalize(p!)));
        var slug = NotSlug().Replace(words.Replace(' ', '-'), string.Empty).Trim('-');
        return slug.Length > 100 ? slug[..100].TrimEnd('-') : slug.Length == 0 ? "record" : slug;
    }

    private const string SlugCharacters = "[a-z0-9][a-z0-9-]{0,119}";

    /// <summary>What an id is, as the OpenAPI document gives it (ECMA-262, where <c>$</c> is the very end).</summary>
    public const string SlugRegex = "^" + SlugCharacters + "$";

    /// <summary>The same in .NET, whose <c>$</c> also matches before a final line break: <c>\z</c> is the very end.</summary>
    [GeneratedRegex("^" + SlugCharacters + @"\z")]
    private static partial Regex SlugPattern();

    [GeneratedRegex("[^a-z0-9-]")]
    private static partial Regex NotSlug();
}
