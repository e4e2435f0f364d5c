using System;
using System.IO;
using Microsoft.Extensions.Options;
using Npgsql;

namespace SimpleImGateway.Companion.Configuration
{
    /// <summary>
    /// Validates <see cref="StorageOptions"/>: a usable data directory path for SQLite, a parsable
    /// connection string for PostgreSQL. Whether the database is reachable is found out when it is opened.
    /// </summary>
    internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
    {
        public ValidateOptionsResult Validate(string? name, StorageOptions options)
        {
            const string Section = StorageOptions.SectionName;
            if (options.EffectiveProvider == StorageProviderKind.Sqlite)
            {
                if (string.IsNullOrWhiteSpace(options.DataDirectory))
                {
                    return ValidateOptionsResult.Fail($"{Section}:DataDirectory must not be empty");
                }

                try
                {
                    _ = Path.GetFullPath(options.DataDirectory);
                }
                catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
                {
                    return ValidateOptionsResult.Fail($"{Section}:DataDirectory is not a valid path ('{options.DataDirectory}'): {e.Message}");
                }

                return ValidateOptionsResult.Success;
            }

            if (string.IsNullOrWhiteSpace(options.PostgresConnectionString))
            {
                return ValidateOptionsResult.Fail($"{Section}:PostgresConnectionString is required when {Section}:Provider is Postgres");
            }

            try
            {
                var builder = new NpgsqlConnectionStringBuilder(options.PostgresConnectionString);
                if (string.IsNullOrEmpty(builder.Host))
                {
                    return ValidateOptionsResult.Fail($"{Section}:PostgresConnectionString names no Host");
                }
            }
            catch (ArgumentException e)
            {
                // The message of Npgsql's parser names the bad keyword, never the password.
                return ValidateOptionsResult.Fail($"{Section}:PostgresConnectionString is malformed: {e.Message}");
            }

            return ValidateOptionsResult.Success;
        }
    }
}
