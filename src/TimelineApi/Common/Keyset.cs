using System.Globalization;
using System.Text;
using Dapper;

namespace TimelineApi.Common;

/// <summary>
/// How a list is ordered: by a key expression, then by id, ascending or descending. Pages continue
/// after the last (key, id) they returned, so a page deep in a list costs what the first page costs.
/// Items with no date (sort key <see cref="Undated"/>) come last in either direction.
/// </summary>
public sealed record Keyset(string KeyExpression, string IdExpression, bool Descending, bool NumericKey = false)
{
    /// <summary>The sort key of an item with no date: after every date in ascending order.</summary>
    public const string Undated = IsoDate.UnknownSortKey;

    /// <summary>
    /// Completes <paramref name="selectWhere"/> (a <c>SELECT … WHERE …</c> whose rows carry the key and id
    /// expressions) into the query of one page of <paramref name="take"/> rows after <paramref name="after"/>.
    /// In descending date order the dated rows and the undated ones are two branches, each read in index
    /// order and cut at the page size, so undated items follow the oldest dated one.
    /// </summary>
    public string Page(StringBuilder selectWhere, DynamicParameters parameters, string[]? after, int take)
    {
        parameters.Add("take", take);
        if (!Descending || NumericKey)
        {
            AppendAfter(selectWhere, parameters, after);
            return selectWhere.Append(OrderBy).Append(" LIMIT @take;").ToString();
        }

        var dated = new StringBuilder().Append(selectWhere).Append($" AND {KeyExpression} <> '{Undated}'");
        var undated = new StringBuilder().Append(selectWhere).Append($" AND {KeyExpression} = '{Undated}'");
        if (after is [Undated, var afterId])
        {
            dated.Append(" AND 1 = 0");
            undated.Append($" AND {IdExpression} < @afterId");
            parameters.Add("afterId", afterId);
        }
        else
        {
            AppendAfter(dated, parameters, after);
        }

        return $"SELECT * FROM ({dated}{OrderBy} LIMIT @take) AS dated UNION ALL SELECT * FROM ({undated}{OrderBy} LIMIT @take) AS undated LIMIT @take;";
    }

    /// <summary>Appends the condition selecting the rows after <paramref name="after"/> (key, id).</summary>
    private void AppendAfter(StringBuilder sql, DynamicParameters parameters, string[]? after)
    {
        if (after is null)
        {
            return;
        }

        // A row value comparison: SQLite seeks an index on (…, key, id) straight to the position, after the equality columns.
        var op = Descending ? "<" : ">";
        sql.Append($" AND ({KeyExpression}, {IdExpression}) {op} (@afterKey, @afterId)");
        parameters.Add("afterKey", NumericKey ? double.Parse(after[0], CultureInfo.InvariantCulture) : after[0]);
        parameters.Add("afterId", after[1]);
    }

    public string OrderBy => Descending
        ? $" ORDER BY {KeyExpression} DESC, {IdExpression} DESC"
        : $" ORDER BY {KeyExpression}, {IdExpression}";

    /// <summary>Whether <paramref name="parts"/> (a decoded cursor) can continue this ordering.</summary>
    public bool Accepts(string[] parts)
        => parts.Length == 2 && (!NumericKey || double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out _));

    public static string FormatKey(double key) => key.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A row's position in this order (its rank when ordered by relevance, else its sort key), then its id: what a cursor after it is made of.</summary>
    public string[] KeyOf(string sortKey, double? rank, string id) => [NumericKey ? FormatKey(rank ?? 0) : sortKey, id];
}
