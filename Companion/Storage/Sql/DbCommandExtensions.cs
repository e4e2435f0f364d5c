using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;

namespace SimpleImGateway.Companion.Storage.Sql
{
    /// <summary>Provider-neutral helpers over ADO.NET commands.</summary>
    internal static class DbCommandExtensions
    {
        /// <summary>Adds a parameter; null becomes SQL NULL.</summary>
        public static DbCommand With(this DbCommand command, string name, object? value)
        {
            DbParameter parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
            return command;
        }

        /// <summary>Runs the command and maps every row.</summary>
        public static async Task<List<T>> ReadAllAsync<T>(this DbCommand command, Func<DbDataReader, T> map, CancellationToken cancellationToken)
        {
            var rows = new List<T>();
            await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(map(reader));
            }

            return rows;
        }

        /// <summary>Runs the command and maps the first row, or returns null when there is none.</summary>
        public static async Task<T?> ReadFirstOrDefaultAsync<T>(this DbCommand command, Func<DbDataReader, T> map, CancellationToken cancellationToken)
            where T : class
        {
            await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? map(reader) : null;
        }

        public static string? GetNullableString(this DbDataReader reader, int ordinal) =>
            reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

        public static DateTimeOffset GetTime(this DbDataReader reader, int ordinal) =>
            UnixTime.FromMilliseconds(reader.GetInt64(ordinal));

        public static byte[] GetBytes(this DbDataReader reader, int ordinal) => reader.GetFieldValue<byte[]>(ordinal);
    }
}
