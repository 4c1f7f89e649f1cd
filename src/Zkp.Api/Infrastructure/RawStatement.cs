using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Zkp.Api.Infrastructure;

/// <summary>
/// One SQL statement run straight on the context's connection, inside its current transaction, with parameters made
/// by the provider's own type mappings (so a Guid or a DateTime is stored exactly as EF Core stores it, on PostgreSQL
/// and SQLite alike). For the statements every verification runs (the challenge insert, the quota upsert):
/// <c>Database.SqlQuery</c> builds and looks up a query pipeline on every call, about as much CPU as the
/// round trip itself.
/// </summary>
internal static class RawStatement
{
    /// <summary>
    /// Runs <paramref name="sql"/> (parameters named <c>@p0</c>, <c>@p1</c>, ... in order of
    /// <paramref name="parameters"/>) and returns the first column of each row it returns.
    /// </summary>
    public static async Task<List<T>> QueryColumnAsync<T>(ZkpDbContext db, string sql, object[] parameters, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = Create(db, sql, parameters);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var values = new List<T>(1);
            while (await reader.ReadAsync(cancellationToken))
            {
                values.Add(reader.GetFieldValue<T>(0));
            }

            return values;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The synchronous <see cref="QueryColumnAsync{T}"/>.</summary>
    public static List<T> QueryColumn<T>(ZkpDbContext db, string sql, object[] parameters)
    {
        db.Database.OpenConnection();
        try
        {
            using var command = Create(db, sql, parameters);
            using var reader = command.ExecuteReader();
            var values = new List<T>(1);
            while (reader.Read())
            {
                values.Add(reader.GetFieldValue<T>(0));
            }

            return values;
        }
        finally
        {
            db.Database.CloseConnection();
        }
    }

    private static DbCommand Create(ZkpDbContext db, string sql, object[] parameters)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var mappings = db.GetService<IRelationalTypeMappingSource>();
        for (var i = 0; i < parameters.Length; i++)
        {
            var value = parameters[i];
            var mapping = mappings.FindMapping(value.GetType())
                ?? throw new InvalidOperationException($"No {db.Database.ProviderName} mapping for a {value.GetType()} parameter.");
            command.Parameters.Add(mapping.CreateParameter(command, "p" + i, value, nullable: false));
        }

        return command;
    }
}
