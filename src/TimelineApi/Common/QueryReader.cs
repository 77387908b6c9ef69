using System.Globalization;

namespace TimelineApi.Common;

/// <summary>
/// Reads and validates a request's query string against the parameters an endpoint declares.
/// Every problem found is collected under the parameter's name, so one 400 answer lists them all.
/// </summary>
public sealed class QueryReader
{
    public const int MaxValueLength = 500;

    private readonly HttpRequest _request;
    private readonly IQueryCollection _query;
    private readonly Dictionary<string, QueryParameter> _known;
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public QueryReader(HttpRequest request, IEnumerable<QueryParameter> known)
    {
        _request = request;
        _query = request.Query;
        _known = known.ToDictionary(p => p.Name, StringComparer.Ordinal);
        foreach (var key in _query.Keys)
        {
            if (!_known.ContainsKey(key))
            {
                AddError(key, $"Unknown parameter '{key}'. This endpoint accepts: {string.Join(", ", _known.Keys)}.");
            }
            else if (_query[key].Count > 1)
            {
                AddError(key, $"'{key}' is given more than once; give it once{(_known[key].IsList ? ", with values separated by commas" : string.Empty)}.");
            }
            else if (_query[key].ToString().Length == 0)
            {
                AddError(key, $"'{key}' is given without a value; give it a value or leave it out.");
            }
            else if (_query[key].ToString().Length > MaxValueLength)
            {
                AddError(key, $"'{key}' is longer than {MaxValueLength} characters.");
            }
            else if (_query[key].ToString().Contains('\0', StringComparison.Ordinal))
            {
                AddError(key, $"'{key}' holds the NUL character (%00), which no text of the API can hold.");
            }
        }
    }

    public bool IsValid => _errors.Count == 0;

    public Dictionary<string, string[]> Errors => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    /// <summary>The trimmed value, or null when absent or empty.</summary>
    public string? Text(QueryParameter parameter)
    {
        if (!_query.TryGetValue(parameter.Name, out var values) || values.Count != 1)
        {
            return null;
        }

        var value = values.ToString().Trim();
        return value.Length == 0 || value.Length > MaxValueLength ? null : value;
    }

    /// <summary>
    /// The value as given, untrimmed, for parameters whose values are exact (numbers, closed vocabularies:
    /// <c>" 2"</c> is not a number, <c>"true "</c> not a boolean), or null when absent or empty.
    /// </summary>
    public string? ExactText(QueryParameter parameter)
        => _query.TryGetValue(parameter.Name, out var values) && values.Count == 1 && values.ToString() is { Length: > 0 and <= MaxValueLength } value
            ? value
            : null;

    /// <summary>A value that must be one of the parameter's allowed values.</summary>
    public string? OneOf(QueryParameter parameter)
    {
        var value = ExactText(parameter);
        if (value is not null && parameter.AllowedValues is { } allowed && !allowed.Contains(value, StringComparer.Ordinal))
        {
            AddError(parameter.Name, $"'{value}' is not a valid {parameter.Name}. Use one of: {string.Join(", ", allowed)}.");
            return null;
        }

        return value;
    }

    /// <summary>Comma-separated values, each checked against the allowed values when there are any.</summary>
    public IReadOnlyList<string> List(QueryParameter parameter)
    {
        var value = Text(parameter);
        if (value is null)
        {
            return [];
        }

        var items = value.Split(',', StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToArray();
        if (items.Any(i => i.Length == 0))
        {
            AddError(parameter.Name, $"'{value}' has an empty value: separate values with single commas.");
            items = [.. items.Where(i => i.Length > 0)];
        }

        if (parameter.AllowedValues is { } allowed)
        {
            foreach (var bad in items.Where(i => !allowed.Contains(i, StringComparer.Ordinal)))
            {
                AddError(parameter.Name, $"'{bad}' is not a valid {parameter.Name}. Use one or more of: {string.Join(", ", allowed)}.");
            }
        }

        return items;
    }

    public IsoDate? Date(QueryParameter parameter)
    {
        var value = Text(parameter);
        if (value is null)
        {
            return null;
        }

        if (IsoDate.TryParse(value, out var date))
        {
            return date;
        }

        AddError(parameter.Name, $"'{value}' is not a date. Use an ISO 8601 day (2022-01-09), month (2022-01) or date-time with offset (2021-12-08T02:41:00+05:30).");
        return null;
    }

    /// <summary>The <c>updatedSince</c> instant, as change times are stored (UTC, milliseconds), or null.</summary>
    public string? UpdatedSince()
    {
        if (Date(CommonParameters.UpdatedSince) is not { } date)
        {
            return null;
        }

        var instant = date.Precision == "time"
            ? DateTimeOffset.Parse(date.Text, CultureInfo.InvariantCulture).UtcDateTime
            : DateTime.ParseExact(date.FirstDay, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return instant.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>The <c>limit</c> the client gave, or null when it gave none.</summary>
    public int? Limit()
    {
        var value = ExactText(CommonParameters.Limit);
        if (value is null)
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= CommonParameters.MaxLimit)
        {
            return limit;
        }

        AddError(CommonParameters.Limit.Name, $"'{value}' is not a valid limit. Use a whole number from 1 to {CommonParameters.MaxLimit}.");
        return null;
    }

    /// <summary>The paging and format of a list: <c>limit</c>, the decoded cursor and the negotiated format.</summary>
    public ListRequest ListRequest(HttpRequest request, string[]? after, QueryParameter? format = null)
        => new(ListFormat.Negotiate(this, format ?? CommonParameters.Format, request), Limit(), after, OneOf(CommonParameters.Bom) == "true", OneOf(CommonParameters.Total) == "true");

    /// <summary>The decoded parts of the cursor, or null on the first page.</summary>
    public string[]? CursorParts(int expectedParts)
    {
        var value = Text(CommonParameters.Cursor);
        if (value is null)
        {
            return null;
        }

        if (Cursor.TryDecode(value, Cursor.ScopeOf(_request), expectedParts, out var parts))
        {
            return parts;
        }

        AddError(CommonParameters.Cursor.Name, "The cursor is not one this list issued for these filters and this sort. Pass back the `next` value of a page unchanged, with the same parameters, or leave it out to start from the first page.");
        return null;
    }

    /// <summary>
    /// The cursor of a list ordered by a sequence number: the number of the last item of the page
    /// before, 0 on the first page (an error when it is not one).
    /// </summary>
    public long SequenceCursor()
    {
        var parts = CursorParts(1);
        if (parts is null)
        {
            return 0;
        }

        if (long.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var after))
        {
            return after;
        }

        AddError(CommonParameters.Cursor.Name, "The cursor is not one this endpoint issued.");
        return 0;
    }

    public void AddError(string parameter, string message)
    {
        if (!_errors.TryGetValue(parameter, out var list))
        {
            _errors[parameter] = list = [];
        }

        list.Add(message);
    }
}
