using System.ComponentModel.DataAnnotations.Schema;
using System.Reflection;
using System.Text;

namespace TimelineApi.Data;

/// <summary>How a column's value is read from a JSON row: as text, as a whole number, or as the 1 or 0 of a flag.</summary>
public enum ColumnKind
{
    Text,
    Number,
    Flag,
}

/// <summary>
/// A column of a table and the member of a record that holds its value (<paramref name="Member"/>: a property name, or
/// a path of them through a nested record, <c>Known.Status</c>). A record's columns are its public properties, each
/// in the column named by its <see cref="ColumnAttribute"/>, else by its name in snake_case: so a statement's column
/// lists (selected, inserted, updated) follow from the record's declaration, and a member added to the record is read
/// and written without another list to change.
/// </summary>
public sealed record Column(string Name, string Member, ColumnKind Kind)
{
    /// <summary>The columns of <typeparamref name="T"/>'s members, in the order they are declared (a base type's last).</summary>
    public static IReadOnlyList<Column> Of<T>() => Declared<T>.Columns;

    /// <summary>This column as a member of the record held by <paramref name="member"/> of a row.</summary>
    public Column Within(string member) => this with { Member = $"{member}.{Member}" };

    /// <summary>The value of this column from the JSON row <c>r</c> (<see cref="SqlDialect.Rows"/>).</summary>
    public string Read(SqlDialect d)
    {
        var path = Member.Split('.');
        var text = path.Length == 1 ? SqlDialect.Text(Member)
            : d.IsPostgres ? $"r #>> '{{{string.Join(',', path)}}}'" : $"r ->> '$.{Member}'";
        return (Kind, d.IsPostgres) switch
        {
            (ColumnKind.Number, true) => $"CAST({text} AS bigint)",
            (ColumnKind.Flag, true) => $"CAST(CAST({text} AS boolean) AS integer)",
            _ => text,
        };
    }

    /// <summary>The column of table <paramref name="alias"/> selected as its member, for Dapper to map.</summary>
    public string Selected(string alias) => $"{alias}.{Name} AS {Member}";

    private static string SnakeCase(string name)
    {
        var snake = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && snake.Length > 0)
            {
                snake.Append('_');
            }

            snake.Append(char.ToLowerInvariant(c));
        }

        return snake.ToString();
    }

    private static class Declared<T>
    {
        public static readonly IReadOnlyList<Column> Columns =
        [
            .. typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.GetIndexParameters().Length == 0)
                .Select(p => new Column(
                    p.GetCustomAttribute<ColumnAttribute>()?.Name ?? SnakeCase(p.Name),
                    p.Name,
                    (Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType) switch
                    {
                        var t when t == typeof(bool) => ColumnKind.Flag,
                        var t when t == typeof(int) || t == typeof(long) => ColumnKind.Number,
                        _ => ColumnKind.Text,
                    })),
        ];
    }
}

/// <summary>The lists of a statement made from columns.</summary>
public static class ColumnLists
{
    /// <summary>The columns' names: <c>a, b, c</c>.</summary>
    public static string Names(this IEnumerable<Column> columns) => string.Join(", ", columns.Select(c => c.Name));

    /// <summary>The columns' values from the JSON row <c>r</c>, in the same order as <see cref="Names"/>.</summary>
    public static string Read(this IEnumerable<Column> columns, SqlDialect d) => string.Join(", ", columns.Select(c => c.Read(d)));

    /// <summary>The columns of table <paramref name="alias"/>, each selected as its member.</summary>
    public static string Selected(this IEnumerable<Column> columns, string alias) => string.Join(", ", columns.Select(c => c.Selected(alias)));

    /// <summary>Each column set from the same column of <paramref name="source"/> (<c>excluded</c> in an upsert): <c>a = excluded.a, …</c>.</summary>
    public static string SetFrom(this IEnumerable<Column> columns, string source) => string.Join(", ", columns.Select(c => $"{c.Name} = {source}.{c.Name}"));
}
