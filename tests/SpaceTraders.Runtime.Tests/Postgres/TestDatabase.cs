using Npgsql;

namespace SpaceTraders.Runtime.Tests.Postgres;

/// <summary>Direct SQL against a test database, to check what a store wrote.</summary>
internal static class TestDatabase
{
    /// <summary>Runs a query and reads every row.</summary>
    /// <typeparam name="T">The row type.</typeparam>
    /// <param name="connectionString">The database.</param>
    /// <param name="sql">The query (constant text from the test).</param>
    /// <param name="read">Reads one row.</param>
    /// <returns>The rows.</returns>
    public static async Task<List<T>> QueryAsync<T>(string connectionString, string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(CancellationToken.None);
        var rows = new List<T>();
        while (await reader.ReadAsync(CancellationToken.None))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>Runs a query returning one number.</summary>
    /// <param name="connectionString">The database.</param>
    /// <param name="sql">The query.</param>
    /// <returns>The number.</returns>
    public static async Task<long> ScalarAsync(string connectionString, string sql) =>
        (await QueryAsync(connectionString, sql, r => Convert.ToInt64(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture))).Single();
}
